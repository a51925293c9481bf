from django.urls import path

from kinerja import views_workbook as v

urlpatterns = [
    path("", v.beranda, name="workbook-beranda"),
    path("template.xlsx", v.template, name="workbook-template"),
    path("impor/", v.unggah, name="workbook-unggah"),
    path("impor/<str:token>/", v.pratinjau, name="workbook-pratinjau"),
    path("impor/<str:token>/terapkan/", v.terapkan, name="workbook-terapkan"),
    path("ekspor/<str:kode>/<tahun:tahun>/", v.ekspor_satker, name="workbook-ekspor"),
    path(
        "ekspor/provinsi/<str:kode>/<tahun:tahun>/",
        v.ekspor_provinsi,
        name="workbook-ekspor-provinsi",
    ),
]
