// Behaviour that used to sit in inline event handlers, which the Content Security Policy forbids
// (script-src 'self'): a form with data-konfirmasi asks before it is sent, a button with
// data-cetak prints the page.
"use strict";
document.addEventListener("submit", (event) => {
  const pesan = event.target.dataset && event.target.dataset.konfirmasi;
  if (pesan && !window.confirm(pesan)) {
    event.preventDefault();
  }
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-cetak]")) {
    window.print();
  }
});
