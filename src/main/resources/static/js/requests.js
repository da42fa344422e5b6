// Print buttons on the request receipt and reply pages (the pages print fine without this script, via the browser menu).
document.querySelectorAll('.js-print').forEach(function (button) {
  button.addEventListener('click', function () { window.print(); });
});
// On the request form, show the organisation fields only when 法人或其他组织 is chosen.
(function () {
  var org = document.querySelector('.org-fields');
  var radios = document.querySelectorAll('input[name="applicantKind"]');
  if (!org || radios.length === 0) { return; }
  function update() {
    var chosen = document.querySelector('input[name="applicantKind"]:checked');
    org.hidden = !(chosen && chosen.value === 'ORGANISATION');
  }
  radios.forEach(function (r) { r.addEventListener('change', update); });
  update();
})();
