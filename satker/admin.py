from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from satker.models import Pejabat, Peran, Satker


class PejabatInline(admin.TabularInline):
    model = Pejabat
    extra = 0


@admin.register(Satker)
class SatkerAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "tingkat", "induk", "kota"]
    list_filter = ["tingkat", "induk"]
    search_fields = ["kode", "nama", "kota"]
    list_select_related = ["induk"]
    inlines = [PejabatInline]


@admin.register(Pejabat)
class PejabatAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "nip", "jabatan", "divisi", "satker", "mulai", "selesai"]
    list_filter = ["jabatan", "satker__tingkat"]
    search_fields = ["nama", "nip", "jabatan", "satker__nama", "satker__kode"]
    list_select_related = ["satker"]
    autocomplete_fields = ["satker"]


@admin.register(Peran)
class PeranAdmin(SimpleHistoryAdmin):
    list_display = ["user", "jenis", "satker"]
    list_filter = ["jenis", "satker__tingkat"]
    search_fields = ["user__username", "satker__nama", "satker__kode"]
    list_select_related = ["user", "satker"]
    autocomplete_fields = ["satker"]
