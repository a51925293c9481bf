from django.urls import path

from satker import views

app_name = "satker"

urlpatterns = [
    path("satker/", views.satker_list, name="daftar"),
    path("satker/<str:kode>/", views.satker_detail, name="detail"),
    path("satker/<str:kode>/ubah/", views.satker_update, name="ubah"),
    path("satker/<str:kode>/riwayat/", views.satker_riwayat, name="riwayat"),
    path("satker/<str:kode>/pejabat/tambah/", views.pejabat_create, name="pejabat_create"),
    path("pejabat/<int:pejabat_id>/ubah/", views.pejabat_update, name="pejabat_update"),
    path("pejabat/<int:pejabat_id>/hapus/", views.pejabat_delete, name="pejabat_delete"),
]
