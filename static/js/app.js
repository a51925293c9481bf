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
// The entry grids (realisasi of a quarter, quarterly targets) behave like a spreadsheet: Enter
// and the arrow keys move down and up a column, and a block pasted from Excel (tab-separated
// columns, one row per line) fills the cells from the one pasted into, rightwards and down.
function selGrid(sel) {
  const tr = sel.closest("tr");
  const baris = Array.from(tr.parentElement.children);
  const kolom = Array.from(tr.querySelectorAll("[data-sel-grid]")).indexOf(sel);
  return { baris, i: baris.indexOf(tr), kolom };
}
function selDi(tr, kolom) {
  return tr ? tr.querySelectorAll("[data-sel-grid]")[kolom] : undefined;
}
document.addEventListener("keydown", (event) => {
  const sel = event.target.closest("[data-sel-grid]");
  if (!sel || !["Enter", "ArrowDown", "ArrowUp"].includes(event.key)) {
    return;
  }
  event.preventDefault();
  const { baris, i, kolom } = selGrid(sel);
  const tujuan = selDi(baris[i + (event.key === "ArrowUp" ? -1 : 1)], kolom);
  if (tujuan) {
    tujuan.focus();
    tujuan.select();
  }
});
document.addEventListener("paste", (event) => {
  const sel = event.target.closest("[data-sel-grid]");
  const teks = event.clipboardData && event.clipboardData.getData("text/plain");
  if (!sel || !teks || !/[\r\n\t]/.test(teks.replace(/[\r\n]+$/, ""))) {
    return;
  }
  event.preventDefault();
  const blok = teks.replace(/\r/g, "").replace(/\n$/, "").split("\n").map((b) => b.split("\t"));
  const { baris, i, kolom } = selGrid(sel);
  blok.forEach((nilai, r) => {
    nilai.forEach((v, k) => {
      const tujuan = selDi(baris[i + r], kolom + k);
      if (tujuan) {
        tujuan.value = v.trim();
      }
    });
  });
});
