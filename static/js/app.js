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
// The narrative editor's placeholder picker: "Sisipkan ke teks" puts the placeholder at the
// cursor of the text box, then asks for a new preview (the "sisipkan" event htmx listens to).
document.addEventListener("click", (event) => {
  const tombol = event.target.closest("[data-sisipkan]");
  const teks = document.getElementById("id_teks");
  if (!tombol || !teks) {
    return;
  }
  const kode = tombol.dataset.sisipkan;
  const awal = teks.selectionStart ?? teks.value.length;
  const akhir = teks.selectionEnd ?? awal;
  teks.value = teks.value.slice(0, awal) + kode + teks.value.slice(akhir);
  teks.focus();
  teks.selectionStart = teks.selectionEnd = awal + kode.length;
  document.body.dispatchEvent(new Event("sisipkan"));
});
