from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import KunciAdminMixin
from kinerja import models as m


class SasaranInline(admin.TabularInline):
    model = m.SasaranStrategis
    extra = 0


@admin.register(m.Renstra)
class RenstraAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "satker", "tahun_awal", "tahun_akhir"]
    list_filter = ["tahun_awal"]
    search_fields = ["visi", "satker__nama"]
    inlines = [SasaranInline]


class IndikatorInline(admin.TabularInline):
    model = m.IndikatorKinerja
    extra = 0
    fields = ["kode", "nama", "satuan", "jenis_nilai", "arah", "agregasi"]


@admin.register(m.SasaranStrategis)
class SasaranAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "renstra"]
    list_filter = ["renstra"]
    search_fields = ["kode", "nama"]
    inlines = [IndikatorInline]


class TargetRenstraInline(admin.TabularInline):
    model = m.TargetRenstra
    extra = 0


@admin.register(m.IndikatorKinerja)
class IndikatorAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "satuan", "jenis_nilai", "arah", "agregasi", "sasaran"]
    list_filter = ["jenis_nilai", "arah", "agregasi", "sasaran__renstra"]
    search_fields = ["kode", "nama", "definisi_operasional"]
    list_select_related = ["sasaran"]
    inlines = [TargetRenstraInline]


class TingkatInline(admin.TabularInline):
    model = m.TingkatKategori
    extra = 0


@admin.register(m.SkalaKategori)
class SkalaAdmin(SimpleHistoryAdmin):
    list_display = ["nama"]
    search_fields = ["nama"]
    inlines = [TingkatInline]


@admin.register(m.KebijakanCapaian)
class KebijakanAdmin(SimpleHistoryAdmin):
    list_display = ["tahun", "satker", "skala", "rumus_turun", "batas_atas", "wajib_reviu_apip"]
    list_filter = ["tahun", "rumus_turun"]
    search_fields = ["satker__nama"]


class BarisPKInline(KunciAdminMixin, admin.TabularInline):
    model = m.BarisPK
    extra = 0
    fields = ["no", "sasaran", "indikator", "satuan", "jenis_nilai", "arah", "agregasi", "target"]
    show_change_link = True


class AnggaranPKInline(KunciAdminMixin, admin.TabularInline):
    model = m.AnggaranPK
    extra = 0


@admin.register(m.PerjanjianKinerja)
class PerjanjianAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["satker", "tahun", "jenis", "versi", "status", "pihak_pertama_nama", "tanggal"]
    list_filter = ["tahun", "jenis", "status", "satker__tingkat"]
    search_fields = ["satker__nama", "satker__kode", "pihak_pertama_nama", "pihak_kedua_nama"]
    list_select_related = ["satker"]
    autocomplete_fields = ["satker"]
    inlines = [BarisPKInline, AnggaranPKInline]


class TargetTriwulanInline(KunciAdminMixin, admin.TabularInline):
    model = m.TargetTriwulan
    extra = 0
    fields = ["periode", "teks"]


class RealisasiInline(admin.TabularInline):
    model = m.Realisasi
    extra = 0
    fields = ["periode", "teks", "kendala", "tindak_lanjut", "bukti_tautan"]


@admin.register(m.BarisPK)
class BarisPKAdmin(KunciAdminMixin, SimpleHistoryAdmin):
    list_display = ["no", "indikator", "target", "satuan", "arah", "perjanjian"]
    list_filter = ["perjanjian__tahun", "perjanjian__jenis", "arah", "jenis_nilai"]
    search_fields = ["indikator", "sasaran", "perjanjian__satker__nama"]
    list_select_related = ["perjanjian__satker"]
    raw_id_fields = ["perjanjian", "indikator_kinerja"]
    inlines = [TargetTriwulanInline, RealisasiInline]


@admin.register(m.Realisasi)
class RealisasiAdmin(SimpleHistoryAdmin):
    list_display = ["baris", "periode", "teks", "diperbarui"]
    list_filter = ["periode", "baris__perjanjian__tahun", "baris__perjanjian__jenis"]
    search_fields = ["baris__indikator", "baris__perjanjian__satker__nama", "kendala"]
    list_select_related = ["baris"]
    raw_id_fields = ["baris"]


@admin.register(m.PenutupanPeriode)
class PenutupanAdmin(SimpleHistoryAdmin):
    list_display = ["satker", "tahun", "periode", "ditutup_oleh", "ditutup_pada"]
    list_filter = ["tahun", "periode"]
    search_fields = ["satker__nama"]


class KegiatanInline(admin.TabularInline):
    model = m.Kegiatan
    extra = 0


@admin.register(m.Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["kode", "nama"]
    inlines = [KegiatanInline]


@admin.register(m.Kegiatan)
class KegiatanAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "program"]
    list_filter = ["program"]
    search_fields = ["kode", "nama"]


class RevisiDipaInline(admin.TabularInline):
    model = m.RevisiDipa
    extra = 0


class BarisAnggaranInline(admin.TabularInline):
    model = m.BarisAnggaran
    extra = 0
    fields = ["program", "kegiatan", "output_kode", "akun_kode", "sumber", "pagu", "realisasi"]
    show_change_link = True


@admin.register(m.Dipa)
class DipaAdmin(SimpleHistoryAdmin):
    list_display = ["satker", "tahun", "nomor"]
    list_filter = ["tahun", "satker__tingkat"]
    search_fields = ["satker__nama", "satker__kode", "nomor"]
    list_select_related = ["satker"]
    inlines = [RevisiDipaInline, BarisAnggaranInline]


@admin.register(m.BarisAnggaran)
class BarisAnggaranAdmin(SimpleHistoryAdmin):
    list_display = [
        "dipa",
        "program",
        "kegiatan",
        "output_kode",
        "akun_kode",
        "sumber",
        "pagu",
        "realisasi",
        "per_tanggal",
    ]
    list_filter = ["dipa__tahun", "sumber", "program"]
    search_fields = [
        "dipa__satker__nama",
        "kegiatan__kode",
        "kegiatan__nama",
        "output_kode",
        "akun_kode",
    ]
    list_select_related = ["dipa__satker", "program", "kegiatan"]
    raw_id_fields = ["dipa"]


# ---------------------------------------------------------------- budget tied to performance


@admin.register(m.TautanAnggaran)
class TautanAnggaranAdmin(SimpleHistoryAdmin):
    list_display = ["baris", "kegiatan", "output_kode", "porsi"]
    list_filter = ["baris__perjanjian__tahun"]
    search_fields = ["baris__perjanjian__satker__nama", "kegiatan__kode", "output_kode"]
    list_select_related = ["baris__perjanjian__satker", "kegiatan"]
    raw_id_fields = ["baris"]


class RealisasiROInline(admin.TabularInline):
    model = m.RealisasiRO
    extra = 0


@admin.register(m.OutputRO)
class OutputROAdmin(SimpleHistoryAdmin):
    list_display = ["dipa", "kegiatan", "output_kode", "satuan", "volume", "kumulatif"]
    list_filter = ["dipa__tahun"]
    search_fields = ["dipa__satker__nama", "kegiatan__kode", "output_kode"]
    list_select_related = ["dipa__satker", "kegiatan"]
    inlines = [RealisasiROInline]


@admin.register(m.RevisiBaris)
class RevisiBarisAdmin(SimpleHistoryAdmin):
    list_display = ["revisi", "program", "kegiatan", "output_kode", "akun_kode", "sumber", "pagu"]
    list_filter = ["revisi__dipa__tahun", "sumber"]
    search_fields = ["revisi__dipa__satker__nama", "kegiatan__kode", "output_kode", "akun_kode"]
    list_select_related = ["revisi__dipa__satker", "program", "kegiatan"]
