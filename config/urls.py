from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from rekap.beranda import beranda
from satker.converters import TahunConverter

register_converter(TahunConverter, "tahun")

admin.site.site_header = "Administrasi SAKIP KPU"
admin.site.site_title = "Admin SAKIP KPU"
admin.site.index_title = "Data dan pengguna"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("akun/masuk/", auth_views.LoginView.as_view(), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "akun/sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("", beranda, name="beranda"),
    path("", include("satker.urls")),
    path("", include("kinerja.urls")),
    path("laporan/", include("laporan.urls")),
    path("workbook/", include("workbook.urls")),
    path("rekap/", include("rekap.urls")),
    path("evaluasi/", include("evaluasi.urls")),
    path("api/", include("config.api_urls")),
]
