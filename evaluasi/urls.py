from django.urls import path

from evaluasi import views as v

app_name = "evaluasi"

urlpatterns = [
    path("", v.indeks, name="indeks"),
    path("instrumen/", v.instrumen, name="instrumen"),
    path("rekap/<str:kode>/<tahun:tahun>/", v.rekap, name="rekap"),
    path("rekomendasi/<int:rekomendasi_id>/tindak-lanjut/", v.tindak_lanjut, name="tindak_lanjut"),
    path("rekomendasi/<int:rekomendasi_id>/tutup/", v.rekomendasi_tutup, name="rekomendasi_tutup"),
    path("jawaban/<int:jawaban_id>/berkas/", v.berkas, name="berkas"),
    path("<str:kode>/", v.daftar, name="daftar"),
    path("<str:kode>/<tahun:tahun>/", v.lke, name="lke"),
    path("<str:kode>/<tahun:tahun>/mulai/", v.mulai, name="mulai"),
    path("<str:kode>/<tahun:tahun>/komponen/<int:komponen_id>/isi/", v.isi, name="isi"),
    path("<str:kode>/<tahun:tahun>/komponen/<int:komponen_id>/nilai/", v.nilai, name="nilai"),
    path("<str:kode>/<tahun:tahun>/ajukan/", v.ajukan, name="ajukan"),
    path("<str:kode>/<tahun:tahun>/kembalikan/", v.kembalikan, name="kembalikan"),
    path("<str:kode>/<tahun:tahun>/selesai/", v.selesai, name="selesai"),
    path("<str:kode>/<tahun:tahun>/finalkan/", v.finalkan, name="finalkan"),
    path("<str:kode>/<tahun:tahun>/rekomendasi/", v.rekomendasi_tambah, name="rekomendasi_tambah"),
    path("<str:kode>/<tahun:tahun>/lhe.pdf", v.lhe_pdf, name="lhe_pdf"),
    path("<str:kode>/<tahun:tahun>/lhe.xlsx", v.lhe_xlsx, name="lhe_xlsx"),
    path("<str:kode>/<tahun:tahun>/lke.xlsx", v.lke_xlsx, name="lke_xlsx"),
]
