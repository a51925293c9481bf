from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import HanyaBacaMixin, KunciAdminMixin
from laporan.models import (
    JustifikasiPemeriksaan,
    KomentarReviu,
    LaporanKinerja,
    NarasiLaporan,
    ReviuAPIP,
)


class JustifikasiInline(KunciAdminMixin, admin.TabularInline):
    model = JustifikasiPemeriksaan
    extra = 0
    readonly_fields = ["kunci", "teks", "oleh", "pada"]
    can_delete = False


@admin.register(LaporanKinerja)
class LaporanKinerjaAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    """Read-only: versions are created and finalised only through laporan.services."""

    list_display = ["satker", "tahun", "versi", "status", "difinalkan_oleh", "difinalkan_pada"]
    list_filter = ["status", "tahun"]
    search_fields = ["satker__nama", "satker__kode"]
    list_select_related = ["satker", "difinalkan_oleh"]
    readonly_fields = [f.name for f in LaporanKinerja._meta.fields]
    inlines = [JustifikasiInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NarasiLaporan)
class NarasiLaporanAdmin(SimpleHistoryAdmin):
    list_display = ["satker", "tahun", "bagian", "disalin_dari", "diperbarui"]
    list_filter = ["tahun"]
    search_fields = ["satker__nama", "bagian", "teks"]
    list_select_related = ["satker"]


class JejakReviuAdmin(HanyaBacaMixin, SimpleHistoryAdmin):
    """The review trail is written through laporan.services (who may answer, close or record
    is checked there); the admin only shows it."""


@admin.register(KomentarReviu)
class KomentarReviuAdmin(JejakReviuAdmin):
    list_display = ["satker", "tahun", "versi", "tempat", "label_tempat", "status", "oleh"]
    list_filter = ["status", "tempat", "tahun"]
    search_fields = ["satker__kode", "satker__nama", "teks", "jawaban"]


@admin.register(ReviuAPIP)
class ReviuAPIPAdmin(JejakReviuAdmin):
    list_display = ["satker", "tahun", "versi", "nama", "pada"]
    search_fields = ["satker__kode", "satker__nama"]
