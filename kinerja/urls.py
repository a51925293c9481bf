from django.urls import path

from kinerja import views as v
from kinerja import views_anggaran as a
from kinerja import views_katalog as k
from kinerja import views_pemilihan as e
from kinerja import views_rencana as r

app_name = "kinerja"

urlpatterns = [
    path("pk/baris/<int:baris_id>/anggaran/", a.tautan_anggaran, name="tautan_anggaran"),
    path(
        "pk/tautan-anggaran/<int:tautan_id>/hapus/",
        a.tautan_anggaran_hapus,
        name="tautan_anggaran_hapus",
    ),
    path(
        "satker/<str:kode>/anggaran/<tahun:tahun>/output/tambah/",
        a.output_ro_tambah,
        name="output_ro_tambah",
    ),
    path("anggaran/output/<int:ro_id>/", a.output_ro, name="output_ro"),
    path("anggaran/revisi/<int:revisi_id>/baris/", a.revisi_dipa_baris, name="revisi_dipa_baris"),
    path(
        "anggaran/baris/<int:baris_id>/revisi/",
        a.baris_anggaran_revisi,
        name="baris_anggaran_revisi",
    ),
    path(
        "anggaran/revisi-baris/<int:baris_id>/hapus/",
        a.revisi_baris_hapus,
        name="revisi_baris_hapus",
    ),
    path("katalog/", k.katalog, name="katalog"),
    path("katalog/renstra/<int:renstra_id>/ubah/", k.renstra_update, name="renstra_update"),
    path("katalog/renstra/<int:renstra_id>/sasaran/tambah/", k.sasaran_save, name="sasaran_create"),
    path(
        "katalog/renstra/<int:renstra_id>/sasaran/<int:sasaran_id>/ubah/",
        k.sasaran_save,
        name="sasaran_update",
    ),
    path(
        "katalog/renstra/<int:renstra_id>/indikator/tambah/",
        k.indikator_save,
        name="indikator_create",
    ),
    path(
        "katalog/renstra/<int:renstra_id>/indikator/<int:indikator_id>/ubah/",
        k.indikator_save,
        name="indikator_update",
    ),
    path("katalog/kode/<str:jenis>/<int:obj_id>/", k.kode_update, name="kode_update"),
    path("katalog/belum-terhubung/", k.belum_terhubung, name="belum_terhubung"),
    path("katalog/belum-terhubung/otomatis/", k.link_auto, name="link_auto"),
    path("pk/baris/<int:baris_id>/katalog/", k.baris_link, name="baris_link"),
    path("satker/<str:kode>/pemilihan/<tahun:tahun>/", e.pemilihan, name="pemilihan"),
    path(
        "satker/<str:kode>/pemilihan/<tahun:tahun>/tambah/",
        e.pemilihan_create,
        name="pemilihan_create",
    ),
    path("pemilihan/<int:pemilihan_id>/ubah/", e.pemilihan_update, name="pemilihan_update"),
    path("pemilihan/<int:pemilihan_id>/hapus/", e.pemilihan_delete, name="pemilihan_delete"),
    path(
        "pemilihan/<int:pemilihan_id>/kecamatan/tambah/",
        e.kecamatan_create,
        name="kecamatan_create",
    ),
    path(
        "pemilihan/kecamatan/<int:kecamatan_id>/ubah/",
        e.kecamatan_update,
        name="kecamatan_update",
    ),
    path(
        "pemilihan/kecamatan/<int:kecamatan_id>/hapus/",
        e.kecamatan_delete,
        name="kecamatan_delete",
    ),
    path("pk/baris/<int:baris_id>/rencana-aksi/", r.rencana_aksi, name="rencana_aksi"),
    path("rencana-aksi/<int:aksi_id>/ubah/", r.rencana_aksi_update, name="rencana_aksi_update"),
    path("rencana-aksi/<int:aksi_id>/hapus/", r.rencana_aksi_delete, name="rencana_aksi_delete"),
    path("pk/", v.pk_list, name="pk_list"),
    path("satker/<str:kode>/pk/baru/", v.pk_create, name="pk_create"),
    path("pk/<int:pk_id>/", v.pk_detail, name="pk_detail"),
    path("pk/<int:pk_id>/target-triwulan/", v.target_sekaligus, name="target_sekaligus"),
    path("pk/<int:pk_id>/ubah/", v.pk_update, name="pk_update"),
    path("pk/<int:pk_id>/ajukan/", v.pk_submit, name="pk_submit"),
    path("pk/<int:pk_id>/tandatangani/", v.pk_sign, name="pk_sign"),
    path("pk/<int:pk_id>/kembalikan/", v.pk_return, name="pk_return"),
    path("pk/<int:pk_id>/revisi/", v.pk_revise, name="pk_revise"),
    path("pk/<int:pk_id>/cetak/", v.pk_cetak, name="pk_cetak"),
    path("pk/<int:pk_id>/riwayat/", v.pk_riwayat, name="pk_riwayat"),
    path("pk/<int:pk_id>/baris/tambah/", v.baris_create, name="baris_create"),
    path("pk/baris/<int:baris_id>/ubah/", v.baris_update, name="baris_update"),
    path("pk/baris/<int:baris_id>/hapus/", v.baris_delete, name="baris_delete"),
    path("pk/baris/<int:baris_id>/riwayat/", v.baris_riwayat, name="baris_riwayat"),
    path("pk/<int:pk_id>/anggaran/tambah/", v.anggaran_pk_create, name="anggaran_pk_create"),
    path("pk/anggaran/<int:anggaran_id>/ubah/", v.anggaran_pk_update, name="anggaran_pk_update"),
    path("pk/anggaran/<int:anggaran_id>/hapus/", v.anggaran_pk_delete, name="anggaran_pk_delete"),
    path("realisasi/", v.realisasi_index, name="realisasi_index"),
    path(
        "satker/<str:kode>/realisasi/<tahun:tahun>/<str:periode>/",
        v.realisasi_grid,
        name="realisasi_grid",
    ),
    path(
        "satker/<str:kode>/realisasi/<tahun:tahun>/<str:periode>/sekaligus/",
        v.realisasi_sekaligus,
        name="realisasi_sekaligus",
    ),
    path(
        "satker/<str:kode>/realisasi/<tahun:tahun>/<str:periode>/tutup/",
        v.periode_close,
        name="periode_close",
    ),
    path(
        "satker/<str:kode>/realisasi/<tahun:tahun>/<str:periode>/buka/",
        v.periode_reopen,
        name="periode_reopen",
    ),
    path(
        "realisasi/baris/<int:baris_id>/<str:periode>/",
        v.realisasi_baris,
        name="realisasi_baris",
    ),
    path(
        "realisasi/baris/<int:baris_id>/<str:periode>/ubah/",
        v.realisasi_update,
        name="realisasi_update",
    ),
    path("realisasi/<int:realisasi_id>/bukti/", v.realisasi_bukti, name="realisasi_bukti"),
    path("realisasi/<int:realisasi_id>/riwayat/", v.realisasi_riwayat, name="realisasi_riwayat"),
    path("anggaran/", v.anggaran_index, name="anggaran_index"),
    path("satker/<str:kode>/anggaran/<tahun:tahun>/", v.anggaran_detail, name="anggaran_detail"),
    path(
        "satker/<str:kode>/anggaran/<tahun:tahun>/riwayat/",
        v.anggaran_riwayat,
        name="anggaran_riwayat",
    ),
    path(
        "satker/<str:kode>/anggaran/<tahun:tahun>/revisi/tambah/",
        v.revisi_dipa_create,
        name="revisi_dipa_create",
    ),
    path("anggaran/revisi/<int:revisi_id>/ubah/", v.revisi_dipa_update, name="revisi_dipa_update"),
    path(
        "anggaran/revisi/<int:revisi_id>/riwayat/",
        v.revisi_dipa_riwayat,
        name="revisi_dipa_riwayat",
    ),
    path(
        "satker/<str:kode>/anggaran/<tahun:tahun>/baris/tambah/",
        v.baris_anggaran_create,
        name="baris_anggaran_create",
    ),
    path(
        "anggaran/baris/<int:baris_id>/ubah/", v.baris_anggaran_update, name="baris_anggaran_update"
    ),
    path(
        "anggaran/baris/<int:baris_id>/riwayat/",
        v.baris_anggaran_riwayat,
        name="baris_anggaran_riwayat",
    ),
]
