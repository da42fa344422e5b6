// The 打印 link of an item page opens the browser's print dialog (print.css styles the page); without this script the link
// leads to the print view (/items/{id}/print), which prints the same way from the browser menu.
document.querySelectorAll('a.js-print').forEach(function (link) {
  link.addEventListener('click', function (event) {
    event.preventDefault();
    window.print();
  });
});
