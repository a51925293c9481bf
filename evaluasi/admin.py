from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import HanyaBacaMixin, KunciAdminMixin
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


@admin.register(m.KebijakanEvaluasi)
class KebijakanEvaluasiAdmin(SimpleHistoryAdmin):
    list_display = ["tahun", "evaluator"]


class JawabanInline(HanyaBacaMixin, KunciAdminMixin, admin.TabularInline):
    model = m.Jawaban
    fields = ["kriteria", "mandiri", "catatan", "alasan_sistem", "evaluator", "catatan_evaluator"]


class RekomendasiInline(HanyaBacaMixin, KunciAdminMixin, admin.TabularInline):
    model = m.Rekomendasi
    fields = ["komponen", "uraian", "batas", "tindak_lanjut", "status"]


@admin.register(m.Evaluasi)
class EvaluasiAdmin(HanyaBacaMixin, KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["satker", "tahun", "status", "nilai_akhir", "predikat_akhir"]
    list_filter = ["status", "tahun"]
    search_fields = ["satker__kode", "satker__nama"]
    list_select_related = ["satker"]
    inlines = [JawabanInline, RekomendasiInline]


@admin.register(m.Rekomendasi)
class RekomendasiAdmin(HanyaBacaMixin, KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["evaluasi", "komponen", "status", "batas"]
    list_filter = ["status"]
