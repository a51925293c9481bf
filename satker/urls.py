from django.urls import path

from satker import views, views_notifikasi

app_name = "satker"

urlpatterns = [
    path("notifikasi/", views_notifikasi.daftar, name="notifikasi"),
    path("notifikasi/<int:notifikasi_id>/", views_notifikasi.buka, name="notifikasi_buka"),
    path("notifikasi/dibaca/", views_notifikasi.dibaca, name="notifikasi_dibaca"),
    path("notifikasi/email/", views_notifikasi.atur_email, name="notifikasi_email"),
    path("satker/", views.satker_list, name="daftar"),
    path("satker/<str:kode>/", views.satker_detail, name="detail"),
    path("satker/<str:kode>/ubah/", views.satker_update, name="ubah"),
    path("satker/<str:kode>/riwayat/", views.satker_riwayat, name="riwayat"),
    path("satker/<str:kode>/pejabat/tambah/", views.pejabat_create, name="pejabat_create"),
    path("pejabat/<int:pejabat_id>/ubah/", views.pejabat_update, name="pejabat_update"),
    path("pejabat/<int:pejabat_id>/hapus/", views.pejabat_delete, name="pejabat_delete"),
    path("satker/<str:kode>/profil/<tahun:tahun>/", views.profil, name="profil"),
    path("satker/<str:kode>/profil/<tahun:tahun>/salin/", views.profil_salin, name="profil_salin"),
    path(
        "satker/<str:kode>/profil/<tahun:tahun>/<str:jenis>/tambah/",
        views.profil_create,
        name="profil_create",
    ),
    path("profil/<str:jenis>/<int:obj_id>/ubah/", views.profil_update, name="profil_update"),
    path("profil/<str:jenis>/<int:obj_id>/hapus/", views.profil_delete, name="profil_delete"),
]
