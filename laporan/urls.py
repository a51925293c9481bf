from django.urls import path

from laporan import views as v

app_name = "laporan"

urlpatterns = [
    path("", v.indeks, name="indeks"),
    path("<str:kode>/<tahun:tahun>/", v.pratinjau, name="pratinjau"),
    path("<str:kode>/<tahun:tahun>/draf.pdf", v.draf_pdf, name="draf_pdf"),
    path("<str:kode>/<tahun:tahun>/pdf/", v.pdf, name="pdf"),
    path("<str:kode>/<tahun:tahun>/pdf/<int:pdf_id>/progres/", v.pdf_progres, name="pdf_progres"),
    path("<str:kode>/<tahun:tahun>/lkjip.xlsx", v.unduh_xlsx, name="xlsx"),
    path("<str:kode>/<tahun:tahun>/lkjip.docx", v.unduh_docx, name="docx"),
    path("<str:kode>/<tahun:tahun>/pk-<str:jenis>.docx", v.unduh_pk_docx, name="pk_docx"),
    path("<str:kode>/<tahun:tahun>/narasi/", v.narasi_daftar, name="narasi_daftar"),
    path("<str:kode>/<tahun:tahun>/narasi/salin/", v.narasi_salin, name="narasi_salin"),
    path("<str:kode>/<tahun:tahun>/narasi/<str:bagian>/", v.narasi_ubah, name="narasi_ubah"),
    path("<str:kode>/<tahun:tahun>/isi/", v.isi_daftar, name="isi_daftar"),
    path("<str:kode>/<tahun:tahun>/isi/tambah/", v.isi_tambah, name="isi_tambah"),
    path("isi/<int:isi_id>/ubah/", v.isi_ubah, name="isi_ubah"),
    path("isi/<int:isi_id>/hapus/", v.isi_hapus, name="isi_hapus"),
    path("<str:kode>/<tahun:tahun>/pemeriksaan/", v.pemeriksaan, name="pemeriksaan"),
    path("<str:kode>/<tahun:tahun>/justifikasi/", v.justifikasi, name="justifikasi"),
    path("<str:kode>/<tahun:tahun>/komentar/", v.komentar_tambah, name="komentar_tambah"),
    path("<str:kode>/<tahun:tahun>/reviu-apip/", v.reviu_apip, name="reviu_apip"),
    path("komentar/<int:komentar_id>/jawab/", v.komentar_jawab, name="komentar_jawab"),
    path("komentar/<int:komentar_id>/selesai/", v.komentar_tutup, name="komentar_tutup"),
    path("<str:kode>/<tahun:tahun>/finalkan/", v.finalkan, name="finalkan"),
    path("<str:kode>/<tahun:tahun>/identitas/", v.identitas, name="identitas"),
    path(
        "<str:kode>/<tahun:tahun>/finalkan/<int:pdf_id>/",
        v.finalkan_progres,
        name="finalkan_progres",
    ),
    path("<str:kode>/<tahun:tahun>/final.pdf", v.final_pdf, name="final_pdf"),
    path("<str:kode>/<tahun:tahun>/v<int:versi>.pdf", v.versi_pdf, name="versi_pdf"),
]
