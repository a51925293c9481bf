from django.urls import path

from rekap import views

app_name = "rekap"

urlpatterns = [
    path("", views.rekap_nasional, name="nasional"),
    path("indikator/", views.rekap_indikator, name="indikator_nasional"),
    path("profil/", views.rekap_profil, name="profil_nasional"),
    path("provinsi/<str:kode>/profil/", views.rekap_profil, name="profil"),
    path("provinsi/<str:kode>/", views.rekap_provinsi, name="provinsi"),
    path("provinsi/<str:kode>/indikator/", views.rekap_indikator, name="indikator"),
    path("satker/<str:kode>/", views.rekap_satker, name="satker"),
]
