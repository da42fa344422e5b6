// Progressive enhancement of published tables (fragments/table.html): sortable column headers and, on larger
// tables, a filter box. Without JavaScript the complete server-rendered table remains.
(function () {
  'use strict';

  function cellText(row, index) {
    var cell = row.children[index];
    return cell ? cell.textContent.trim() : '';
  }

  function enhance(container) {
    if (container.dataset.enhanced) { return; }
    container.dataset.enhanced = '1';
    var table = container.querySelector('table');
    var body = table && table.tBodies[0];
    if (!body || body.rows.length < 2) { return; }
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = th.dataset.type === 'number';
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellText(a, index), y = cellText(b, index);
          var result;
          if (numeric) {
            var nx = parseFloat(x.replace(/,/g, '')), ny = parseFloat(y.replace(/,/g, ''));
            result = (isNaN(nx) ? -Infinity : nx) - (isNaN(ny) ? -Infinity : ny);
          } else {
            result = x.localeCompare(y, 'zh-CN');
          }
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    if (body.rows.length > 10) {
      var tools = document.createElement('div');
      tools.className = 'table-tools';
      var id = 'filter-' + Math.random().toString(36).slice(2);
      var label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = '筛选：';
      var input = document.createElement('input');
      input.type = 'search';
      input.id = id;
      var status = document.createElement('span');
      status.className = 'muted';
      status.setAttribute('role', 'status');
      input.addEventListener('input', function () {
        var term = input.value.trim().toLowerCase();
        var shown = 0;
        Array.prototype.forEach.call(body.rows, function (row) {
          var match = !term || row.textContent.toLowerCase().indexOf(term) >= 0;
          row.hidden = !match;
          if (match) { shown++; }
        });
        status.textContent = term ? '显示 ' + shown + ' / ' + body.rows.length + ' 行' : '';
      });
      tools.appendChild(label);
      tools.appendChild(input);
      tools.appendChild(status);
      container.insertBefore(tools, container.firstChild.nextSibling);
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-enhance=table]'), enhance);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
