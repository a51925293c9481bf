from django.urls import path

from workbook import views as v

app_name = "workbook"

urlpatterns = [
    path("", v.beranda, name="beranda"),
    path("template.xlsx", v.template, name="template"),
    path("katalog.xlsx", v.katalog, name="katalog"),
    path("impor/", v.unggah, name="unggah"),
    path("impor/<str:token>/", v.pratinjau, name="pratinjau"),
    path("impor/<str:token>/terapkan/", v.terapkan, name="terapkan"),
    path("ekspor/<str:kode>/<tahun:tahun>/", v.ekspor_satker, name="ekspor"),
    path(
        "ekspor/provinsi/<str:kode>/<tahun:tahun>/",
        v.ekspor_provinsi,
        name="ekspor_provinsi",
    ),
]
