// Draws table charts (fragments/table.html :: chart) with ECharts; the option is built on the server from the
// published table and carried in a data attribute, because the CSP allows no inline script.
(function () {
  'use strict';

  function start() {
    if (typeof window.echarts === 'undefined') { return; }
    Array.prototype.forEach.call(document.querySelectorAll('[data-chart-option]'), function (element) {
      if (element.dataset.drawn) { return; }
      element.dataset.drawn = '1';
      var chart = window.echarts.init(element, null, { renderer: 'canvas' });
      chart.setOption(JSON.parse(element.dataset.chartOption));
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
