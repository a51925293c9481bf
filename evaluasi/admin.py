from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evaluasi import models as m


class KomponenInline(admin.TabularInline):
    model = m.Komponen
    extra = 0
    show_change_link = True


class NilaiJawabanInline(admin.TabularInline):
    model = m.NilaiJawaban
    extra = 0


class PredikatInline(admin.TabularInline):
    model = m.Predikat
    extra = 0


@admin.register(m.Instrumen)
class InstrumenAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "berlaku_dari", "dasar"]
    inlines = [KomponenInline, NilaiJawabanInline, PredikatInline]


class SubKomponenInline(admin.TabularInline):
    model = m.SubKomponen
    extra = 0
    show_change_link = True


@admin.register(m.Komponen)
class KomponenAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "bobot", "instrumen"]
    list_filter = ["instrumen"]
    inlines = [SubKomponenInline]


class KriteriaInline(admin.TabularInline):
    model = m.Kriteria
    extra = 0


@admin.register(m.SubKomponen)
class SubKomponenAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "bobot", "komponen"]
    list_filter = ["komponen__instrumen"]
    inlines = [KriteriaInline]
