from django.urls import path

from satker import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("satker/", views.satker_list, name="satker_list"),
    path("satker/<str:kode>/", views.satker_detail, name="satker_detail"),
    path("satker/<str:kode>/ubah/", views.satker_update, name="satker_update"),
    path("satker/<str:kode>/riwayat/", views.satker_riwayat, name="satker_riwayat"),
    path("satker/<str:kode>/pejabat/tambah/", views.pejabat_create, name="pejabat_create"),
    path("pejabat/<int:pejabat_id>/ubah/", views.pejabat_update, name="pejabat_update"),
    path("pejabat/<int:pejabat_id>/hapus/", views.pejabat_delete, name="pejabat_delete"),
]
