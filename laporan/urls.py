from django.urls import path

from laporan import views as v

app_name = "laporan"

urlpatterns = [
    path("<str:kode>/<int:tahun>/", v.pratinjau, name="pratinjau"),
    path("<str:kode>/<int:tahun>/draf.pdf", v.draf_pdf, name="draf_pdf"),
    path("<str:kode>/<int:tahun>/pdf/", v.pdf, name="pdf"),
    path("<str:kode>/<int:tahun>/pdf/<int:pdf_id>/progres/", v.pdf_progres, name="pdf_progres"),
    path("<str:kode>/<int:tahun>/lkjip.xlsx", v.unduh_xlsx, name="xlsx"),
    path("<str:kode>/<int:tahun>/narasi/", v.narasi_daftar, name="narasi_daftar"),
    path("<str:kode>/<int:tahun>/narasi/salin/", v.narasi_salin, name="narasi_salin"),
    path("<str:kode>/<int:tahun>/narasi/<str:bagian>/", v.narasi_ubah, name="narasi_ubah"),
    path("<str:kode>/<int:tahun>/pemeriksaan/", v.pemeriksaan, name="pemeriksaan"),
    path("<str:kode>/<int:tahun>/justifikasi/", v.justifikasi, name="justifikasi"),
    path("<str:kode>/<int:tahun>/finalkan/", v.finalkan, name="finalkan"),
    path("<str:kode>/<int:tahun>/final.pdf", v.final_pdf, name="final_pdf"),
    path("<str:kode>/<int:tahun>/v<int:versi>.pdf", v.versi_pdf, name="versi_pdf"),
]
