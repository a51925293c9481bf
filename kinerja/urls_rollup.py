from django.urls import path

from kinerja import views_rollup as views

urlpatterns = [
    path("", views.rekap_nasional, name="rekap-nasional"),
    path("provinsi/<str:kode>/", views.rekap_provinsi, name="rekap-provinsi"),
    path("provinsi/<str:kode>/indikator/", views.rekap_indikator, name="rekap-indikator"),
    path("satker/<str:kode>/", views.rekap_satker, name="rekap-satker"),
]
