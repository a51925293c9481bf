"""The automatic access matrix: every URL pattern of the site, every persona.

The test walks the URL resolver (pages, the REST API router, everything `include`d). Each
pattern must either have a rule in ATURAN (how to build its arguments from the data of office A
and what kind of page it is) or an entry in DIKECUALIKAN with the reason. A new page without a
rule fails `test_setiap_pola_url_punya_aturan`, so nobody adds a view without saying who may
open it.

What a kind means (office A = satker 1672; operator_b works at office B of the same province;
the reviewer reviews the province):

- baca: a page of office A. Anonymous -> the login page; operator_b -> 404; reviewer, operator_a,
  sekretaris_a, ketua_a and admin -> 200.
- tulis: a form that changes office A. Anonymous -> login; operator_b -> 404 (GET and POST);
  reviewer -> 403 (GET and POST); the rule's writer -> 200 on GET, 200/302 on POST.
- aksi: a POST-only action on office A: like tulis, POST only (the writer is redirected).
- daftar: a page over "the satker I may see": every signed-in persona 200; operator_b's page
  never names office A; operator_a's does.
- provinsi: a page of the province: reviewer and admin 200; operator_b 403/404.
- nasional: KPU RI's rekap: admin 200; a province reviewer is sent to its province; 404 for
  everyone else.
- akun: the user's own account pages: every signed-in persona 200.
- katalog: a page that changes the national catalogue: admin 200; every other persona 403
  (GET and POST).
- sendiri: a POST that acts on the user's own rows only: every signed-in persona is redirected.
- impor: workbook upload (writers of any satker; reviewers read only -> 403).
- api_*: the same for the REST API, with 401/403 for anonymous and 403 for reviewer writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from rest_framework.test import APIClient

from evaluasi import services as evaluasi_services
from evaluasi.models import Evaluasi, Rekomendasi
from kinerja import models as km
from laporan.models import IsiBab, KomentarReviu, LaporanKinerja, PdfLaporan
from satker.models import Aset, Notifikasi, Pegawai, Satker
from tests.kinerja.test_views_akses import bangun_dunia
from workbook.exporter import ekspor_workbook
from workbook.views import SESI

TAHUN = 2024

# Patterns with no role-based rule, each with the reason. Keys: full URL name, or the route
# for unnamed patterns.
DIKECUALIKAN = {
    "admin/": "Django admin: only is_staff users, with its own login; not a role page",
    "login": "the login page itself (throttled by django-axes: test_pengaturan.py)",
    "logout": "POST-only sign-out, harmless for anyone",
    "api:token": "exchanges a username and password for a token (axes throttles it too)",
    "schema": "the OpenAPI description: endpoint shapes only, no data",
    "api-docs": "Swagger UI page; it shows no data until the user signs in",
    "api/^docs/ui/(?P<path>swagger-ui-dist/.+)$": "Swagger UI's own static files",
}


def pola_url() -> dict[str, str]:
    """Every URL pattern as {full name (or route when unnamed): route}."""
    hasil: dict[str, str] = {}

    def jalan(daftar, awalan: str, ns: str) -> None:
        for p in daftar:
            rute = awalan + str(p.pattern)
            if isinstance(p, URLResolver):
                if rute in DIKECUALIKAN:
                    hasil[rute] = rute
                    continue
                jalan(p.url_patterns, rute, ns + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern):
                kunci = ns + p.name if p.name else rute
                hasil.setdefault(kunci, rute)  # format-suffix variants share the name

    jalan(get_resolver().url_patterns, "", "")
    return hasil


# ---------------------------------------------------------------- the data


@dataclass
class Data:
    personas: object
    dunia: object
    laporan_final: LaporanKinerja
    pdf: PdfLaporan
    pdf_final: PdfLaporan
    indikator: km.IndikatorKinerja
    token: str
    sumber: dict = field(default_factory=dict)
    profil: dict = field(default_factory=dict)

    @property
    def kode(self) -> str:
        return self.personas.satker_a.kode


@pytest.fixture
def data(personas, settings, tmp_path) -> Data:
    settings.MEDIA_ROOT = tmp_path / "media"
    dunia = bangun_dunia(personas)
    a = personas.satker_a
    renstra = km.Renstra.objects.get(satker=None, tahun_awal=2020)
    sasaran = km.SasaranStrategis.objects.create(renstra=renstra, kode="S-UJI", nama="Sasaran")
    indikator = km.IndikatorKinerja.objects.create(
        sasaran=sasaran, kode="IK-UJI", nama="Partisipasi", jenis_nilai="PERSEN"
    )
    isi = b"%PDF-1.4 laporan final\n%%EOF\n"
    final = LaporanKinerja(
        satker=a,
        tahun=TAHUN,
        versi=1,
        status=LaporanKinerja.Status.FINAL,
        sha256=hashlib.sha256(isi).hexdigest(),
        difinalkan_pada=dt.datetime(2025, 1, 20, tzinfo=dt.UTC),
    )
    final.pdf.save("lkjip-1672-2024-v1.pdf", ContentFile(isi), save=False)
    final.save()
    pdf = PdfLaporan.objects.create(satker=a, tahun=TAHUN, sidik="0" * 64)
    pdf_final = PdfLaporan.objects.create(
        satker=a, tahun=TAHUN, sidik="final-uji", final_oleh=personas.ketua_a
    )
    # A workbook uploaded by operator_a: its token lives only in operator_a's session.
    folder = settings.MEDIA_ROOT / "tmp" / "workbook"
    folder.mkdir(parents=True)
    f = io.BytesIO()
    ekspor_workbook(Satker.objects.filter(pk=a.pk), TAHUN, f)
    token = "tokenujioperatora"
    (folder / f"{token}.xlsx").write_bytes(f.getvalue())
    pemilihan = km.Pemilihan.objects.create(
        satker=a, tahun=TAHUN, jenis="BUPATI", nama="Pemilihan Wali Kota 2024"
    )
    profil = {
        "pegawai": Pegawai.objects.create(
            satker=a, tahun=TAHUN, nama="Pegawai A", status="PNS", pendidikan="S1"
        ),
        "aset": Aset.objects.create(
            satker=a, tahun=TAHUN, jenis="TANAH", uraian="Tanah kantor", jumlah=1, satuan="bidang"
        ),
        "pemilihan": pemilihan,
        "isi": IsiBab.objects.create(
            satker=a, tahun=TAHUN, bab=3, jenis="TEKS", judul="Sub-bagian", teks="Teks."
        ),
        "aksi": km.RencanaAksi.objects.create(
            baris=dunia.baris_ttd, kegiatan="Sosialisasi", tw1=True
        ),
        "kecamatan": km.PemilihKecamatan.objects.create(
            pemilihan=pemilihan, kecamatan="Kecamatan A", tps=10, dpt_l=1000, dpt_p=1000
        ),
        "komentar": KomentarReviu.objects.create(
            satker=a, tahun=TAHUN, versi=1, teks="Komentar reviu", oleh=personas.reviewer
        ),
        "notifikasi": Notifikasi.objects.create(
            penerima=personas.operator_a, jenis="TENGGAT", judul="Tenggat", tautan="/"
        ),
        "tautan": km.TautanAnggaran.objects.create(
            baris=dunia.baris_ttd, kegiatan=dunia.baris_anggaran.kegiatan, porsi=50
        ),
        "ro": km.OutputRO.objects.create(
            dipa=dunia.baris_anggaran.dipa,
            kegiatan=dunia.baris_anggaran.kegiatan,
            output_kode="QGE.001",
            satuan="Layanan",
            volume=12,
        ),
        "lke": _lke(personas),
        "revisi_baris": km.RevisiBaris.objects.create(
            revisi=dunia.revisi,
            program=dunia.baris_anggaran.program,
            kegiatan=dunia.baris_anggaran.kegiatan,
            pagu=100_000_000,
        ),
    }
    return Data(personas, dunia, final, pdf, pdf_final, indikator, token, profil=profil)


def _lke(personas) -> Evaluasi:
    """Office A's LKE 2024, a draft with an evidence file and a recommendation."""
    ev = evaluasi_services.evaluasi_mulai(
        satker=personas.satker_a, tahun=TAHUN, by=personas.operator_a
    )
    j = ev.jawaban.first()
    j.berkas.save("bukti.pdf", ContentFile(b"%PDF-1.4 bukti\n%%EOF\n"))
    Rekomendasi.objects.create(evaluasi=ev, uraian="Perkuat evaluasi internal.")
    return ev


def _lke_komponen(d: Data) -> dict:
    return {**_kode_tahun(d), "komponen_id": d.profil["lke"].instrumen.komponen.first().pk}


def _rekomendasi(d: Data) -> dict:
    return {"rekomendasi_id": d.profil["lke"].rekomendasi.first().pk}


# ---------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Aturan:
    jenis: str
    kwargs: Callable[[Data], dict] = lambda d: {}
    penulis: str = "operator_a"
    query: str = ""


def _kode(d: Data) -> dict:
    return {"kode": d.kode}


def _kode_tahun(d: Data) -> dict:
    return {"kode": d.kode, "tahun": TAHUN}


def _provinsi(d: Data) -> dict:
    return {"kode": d.personas.provinsi.kode}


def _renstra(d: Data) -> int:
    return d.indikator.sasaran.renstra_id


ATURAN: dict[str, Aturan] = {
    # account
    "password_change": Aturan("akun"),
    "password_change_done": Aturan("akun"),
    # satker
    "beranda": Aturan("daftar"),
    "satker:notifikasi": Aturan("akun"),
    "satker:notifikasi_buka": Aturan(
        "pribadi", lambda d: {"notifikasi_id": d.profil["notifikasi"].pk}
    ),
    "satker:notifikasi_dibaca": Aturan("sendiri"),
    "satker:notifikasi_email": Aturan("sendiri"),
    "satker:daftar": Aturan("daftar"),
    "satker:detail": Aturan("baca", _kode),
    "satker:ubah": Aturan("tulis", _kode),
    "satker:riwayat": Aturan("baca", _kode),
    "satker:pejabat_create": Aturan("tulis", _kode),
    "satker:pejabat_update": Aturan("tulis", lambda d: {"pejabat_id": d.dunia.pejabat.pk}),
    "satker:pejabat_delete": Aturan("aksi", lambda d: {"pejabat_id": d.dunia.pejabat.pk}),
    "satker:profil": Aturan("baca", _kode_tahun),
    "satker:profil_salin": Aturan("aksi", lambda d: {"kode": d.kode, "tahun": TAHUN + 1}),
    "satker:profil_create": Aturan("tulis", lambda d: {**_kode_tahun(d), "jenis": "pegawai"}),
    "satker:profil_update": Aturan(
        "tulis", lambda d: {"jenis": "aset", "obj_id": d.profil["aset"].pk}
    ),
    "satker:profil_delete": Aturan(
        "aksi", lambda d: {"jenis": "pegawai", "obj_id": d.profil["pegawai"].pk}
    ),
    "kinerja:rencana_aksi": Aturan("baca", lambda d: {"baris_id": d.dunia.baris_ttd.pk}),
    "kinerja:rencana_aksi_update": Aturan("tulis", lambda d: {"aksi_id": d.profil["aksi"].pk}),
    "kinerja:rencana_aksi_delete": Aturan("aksi", lambda d: {"aksi_id": d.profil["aksi"].pk}),
    "kinerja:pemilihan": Aturan("baca", _kode_tahun),
    "kinerja:pemilihan_create": Aturan("tulis", _kode_tahun),
    "kinerja:pemilihan_update": Aturan(
        "tulis", lambda d: {"pemilihan_id": d.profil["pemilihan"].pk}
    ),
    "kinerja:pemilihan_delete": Aturan(
        "aksi", lambda d: {"pemilihan_id": d.profil["pemilihan"].pk}
    ),
    "kinerja:kecamatan_create": Aturan(
        "tulis", lambda d: {"pemilihan_id": d.profil["pemilihan"].pk}
    ),
    "kinerja:kecamatan_update": Aturan(
        "tulis", lambda d: {"kecamatan_id": d.profil["kecamatan"].pk}
    ),
    "kinerja:kecamatan_delete": Aturan(
        "aksi", lambda d: {"kecamatan_id": d.profil["kecamatan"].pk}
    ),
    # PK
    "kinerja:pk_list": Aturan("daftar", query=f"?tahun={TAHUN}"),
    "kinerja:pk_create": Aturan("tulis", _kode),
    "kinerja:pk_detail": Aturan("baca", lambda d: {"pk_id": d.dunia.pk_ttd.pk}),
    "kinerja:pk_update": Aturan("tulis", lambda d: {"pk_id": d.dunia.pk_draft.pk}),
    "kinerja:pk_submit": Aturan("aksi", lambda d: {"pk_id": d.dunia.pk_draft.pk}, "sekretaris_a"),
    "kinerja:pk_sign": Aturan("aksi", lambda d: {"pk_id": d.dunia.pk_diajukan.pk}, "ketua_a"),
    "kinerja:pk_return": Aturan("tulis", lambda d: {"pk_id": d.dunia.pk_diajukan.pk}, "ketua_a"),
    "kinerja:pk_revise": Aturan("tulis", lambda d: {"pk_id": d.dunia.pk_ttd.pk}, "sekretaris_a"),
    "kinerja:pk_cetak": Aturan("baca", lambda d: {"pk_id": d.dunia.pk_ttd.pk}),
    "kinerja:pk_riwayat": Aturan("baca", lambda d: {"pk_id": d.dunia.pk_ttd.pk}),
    "kinerja:baris_create": Aturan("tulis", lambda d: {"pk_id": d.dunia.pk_draft.pk}),
    "kinerja:baris_update": Aturan("tulis", lambda d: {"baris_id": d.dunia.baris.pk}),
    "kinerja:baris_delete": Aturan("aksi", lambda d: {"baris_id": d.dunia.baris.pk}),
    "kinerja:baris_riwayat": Aturan("baca", lambda d: {"baris_id": d.dunia.baris_ttd.pk}),
    "kinerja:anggaran_pk_create": Aturan("tulis", lambda d: {"pk_id": d.dunia.pk_draft.pk}),
    "kinerja:anggaran_pk_update": Aturan(
        "tulis", lambda d: {"anggaran_id": d.dunia.anggaran_pk.pk}
    ),
    "kinerja:anggaran_pk_delete": Aturan("aksi", lambda d: {"anggaran_id": d.dunia.anggaran_pk.pk}),
    # realisasi
    "kinerja:realisasi_index": Aturan("daftar"),
    "kinerja:realisasi_grid": Aturan("baca", lambda d: {**_kode_tahun(d), "periode": "TW1"}),
    "kinerja:target_sekaligus": Aturan("tulis", lambda d: {"pk_id": d.dunia.pk_draft.pk}),
    "kinerja:realisasi_sekaligus": Aturan("tulis", lambda d: {**_kode_tahun(d), "periode": "TW1"}),
    "kinerja:periode_close": Aturan(
        "aksi", lambda d: {**_kode_tahun(d), "periode": "TW1"}, "sekretaris_a"
    ),
    "kinerja:periode_reopen": Aturan(
        "tulis", lambda d: {**_kode_tahun(d), "periode": "TW2"}, "sekretaris_a"
    ),
    "kinerja:realisasi_baris": Aturan(
        "baca", lambda d: {"baris_id": d.dunia.baris_ttd.pk, "periode": "TW1"}
    ),
    "kinerja:realisasi_update": Aturan(
        "tulis", lambda d: {"baris_id": d.dunia.baris_ttd.pk, "periode": "TW1"}
    ),
    "kinerja:realisasi_bukti": Aturan("baca", lambda d: {"realisasi_id": d.dunia.realisasi.pk}),
    "kinerja:realisasi_riwayat": Aturan("baca", lambda d: {"realisasi_id": d.dunia.realisasi.pk}),
    # budget
    "kinerja:anggaran_index": Aturan("daftar"),
    "kinerja:anggaran_detail": Aturan("baca", _kode_tahun),
    "kinerja:anggaran_riwayat": Aturan("baca", _kode_tahun),
    "kinerja:revisi_dipa_create": Aturan("tulis", _kode_tahun),
    "kinerja:revisi_dipa_update": Aturan("tulis", lambda d: {"revisi_id": d.dunia.revisi.pk}),
    "kinerja:revisi_dipa_riwayat": Aturan("baca", lambda d: {"revisi_id": d.dunia.revisi.pk}),
    "kinerja:baris_anggaran_create": Aturan("tulis", _kode_tahun),
    "kinerja:baris_anggaran_update": Aturan(
        "tulis", lambda d: {"baris_id": d.dunia.baris_anggaran.pk}
    ),
    "kinerja:baris_anggaran_riwayat": Aturan(
        "baca", lambda d: {"baris_id": d.dunia.baris_anggaran.pk}
    ),
    # budget tied to performance: pages a reader opens, with a form for the office's writers
    "kinerja:tautan_anggaran": Aturan("baca", lambda d: {"baris_id": d.dunia.baris_ttd.pk}),
    "kinerja:tautan_anggaran_hapus": Aturan("aksi", lambda d: {"tautan_id": d.profil["tautan"].pk}),
    "kinerja:output_ro_tambah": Aturan("tulis", _kode_tahun),
    "kinerja:output_ro": Aturan("baca", lambda d: {"ro_id": d.profil["ro"].pk}),
    "kinerja:revisi_dipa_baris": Aturan("baca", lambda d: {"revisi_id": d.dunia.revisi.pk}),
    "kinerja:baris_anggaran_revisi": Aturan(
        "baca", lambda d: {"baris_id": d.dunia.baris_anggaran.pk}
    ),
    "kinerja:revisi_baris_hapus": Aturan(
        "aksi", lambda d: {"baris_id": d.profil["revisi_baris"].pk}
    ),
    # LKjIP
    "laporan:indeks": Aturan("daftar"),
    "laporan:pratinjau": Aturan("baca", _kode_tahun),
    "laporan:draf_pdf": Aturan("baca", _kode_tahun),
    "laporan:pdf": Aturan("baca", _kode_tahun),
    "laporan:pdf_progres": Aturan("baca", lambda d: {**_kode_tahun(d), "pdf_id": d.pdf.pk}),
    "laporan:finalkan_progres": Aturan(
        "baca", lambda d: {**_kode_tahun(d), "pdf_id": d.pdf_final.pk}
    ),
    "laporan:xlsx": Aturan("baca", _kode_tahun),
    "laporan:komentar_tambah": Aturan("reviu", _kode_tahun),
    "laporan:reviu_apip": Aturan("inspektorat", _kode_tahun),
    "laporan:komentar_tutup": Aturan("reviu", lambda d: {"komentar_id": d.profil["komentar"].pk}),
    "laporan:komentar_jawab": Aturan("aksi", lambda d: {"komentar_id": d.profil["komentar"].pk}),
    "laporan:docx": Aturan("baca", _kode_tahun),
    "laporan:pk_docx": Aturan("baca", lambda d: {**_kode_tahun(d), "jenis": "kpu"}),
    "laporan:narasi_daftar": Aturan("baca", _kode_tahun),
    "laporan:narasi_salin": Aturan("aksi", _kode_tahun),
    "laporan:narasi_ubah": Aturan("tulis", lambda d: {**_kode_tahun(d), "bagian": "penutup"}),
    "laporan:pemeriksaan": Aturan("baca", _kode_tahun),
    "laporan:justifikasi": Aturan("aksi", _kode_tahun),
    "laporan:finalkan": Aturan("aksi", _kode_tahun, "ketua_a"),
    "laporan:identitas": Aturan("tulis", _kode_tahun),
    "laporan:isi_daftar": Aturan("baca", _kode_tahun),
    "laporan:isi_tambah": Aturan("tulis", _kode_tahun),
    "laporan:isi_ubah": Aturan("tulis", lambda d: {"isi_id": d.profil["isi"].pk}),
    "laporan:isi_hapus": Aturan("aksi", lambda d: {"isi_id": d.profil["isi"].pk}),
    "laporan:final_pdf": Aturan("baca", _kode_tahun),
    "laporan:versi_pdf": Aturan("baca", lambda d: {**_kode_tahun(d), "versi": 1}),
    # workbook
    "workbook:beranda": Aturan("daftar"),
    "workbook:template": Aturan("akun"),
    "workbook:unggah": Aturan("impor"),
    "workbook:pratinjau": Aturan("token", lambda d: {"token": d.token}),
    "workbook:terapkan": Aturan("token", lambda d: {"token": d.token}),
    "workbook:ekspor": Aturan("baca", _kode_tahun),
    "workbook:ekspor_provinsi": Aturan("provinsi", lambda d: {**_provinsi(d), "tahun": TAHUN}),
    # rekap
    "rekap:nasional": Aturan("nasional"),
    "rekap:provinsi": Aturan("provinsi", _provinsi),
    "rekap:indikator": Aturan("provinsi", _provinsi),
    "rekap:satker": Aturan("baca", _kode),
    "rekap:indikator_nasional": Aturan("nasional"),
    "rekap:profil_nasional": Aturan("nasional"),
    "rekap:profil": Aturan("provinsi", _provinsi),
    # national catalogue
    "kinerja:katalog": Aturan("akun"),
    "workbook:katalog": Aturan("akun"),
    "kinerja:renstra_update": Aturan("katalog", lambda d: {"renstra_id": _renstra(d)}),
    "kinerja:sasaran_create": Aturan("katalog", lambda d: {"renstra_id": _renstra(d)}),
    "kinerja:sasaran_update": Aturan(
        "katalog", lambda d: {"renstra_id": _renstra(d), "sasaran_id": d.indikator.sasaran_id}
    ),
    "kinerja:indikator_create": Aturan("katalog", lambda d: {"renstra_id": _renstra(d)}),
    "kinerja:indikator_update": Aturan(
        "katalog", lambda d: {"renstra_id": _renstra(d), "indikator_id": d.indikator.pk}
    ),
    "kinerja:kode_update": Aturan(
        "katalog",
        lambda d: {"jenis": "program", "obj_id": km.Program.objects.get(kode="076.01.WA").pk},
    ),
    "kinerja:belum_terhubung": Aturan("daftar"),
    "kinerja:link_auto": Aturan("sendiri"),
    "kinerja:baris_link": Aturan("aksi", lambda d: {"baris_id": d.dunia.baris_ttd.pk}),
    # AKIP evaluation (LKE)
    "evaluasi:indeks": Aturan("daftar"),
    "evaluasi:instrumen": Aturan("akun"),
    "evaluasi:rekap": Aturan("provinsi", lambda d: {**_provinsi(d), "tahun": TAHUN}),
    "evaluasi:daftar": Aturan("baca", _kode),
    "evaluasi:lke": Aturan("baca", _kode_tahun),
    "evaluasi:lhe_pdf": Aturan("baca", _kode_tahun),
    "evaluasi:lhe_xlsx": Aturan("baca", _kode_tahun),
    "evaluasi:lke_xlsx": Aturan("baca", _kode_tahun),
    "evaluasi:berkas": Aturan(
        "baca", lambda d: {"jawaban_id": d.profil["lke"].jawaban.exclude(berkas="").get().pk}
    ),
    "evaluasi:mulai": Aturan("aksi", lambda d: {"kode": d.kode, "tahun": TAHUN - 1}),
    "evaluasi:isi": Aturan("tulis", _lke_komponen),
    "evaluasi:ajukan": Aturan("aksi", _kode_tahun, "sekretaris_a"),
    "evaluasi:tindak_lanjut": Aturan("tulis", _rekomendasi),
    "evaluasi:nilai": Aturan("reviu", _lke_komponen),
    "evaluasi:kembalikan": Aturan("reviu", _kode_tahun),
    "evaluasi:selesai": Aturan("reviu", _kode_tahun),
    "evaluasi:finalkan": Aturan("reviu", _kode_tahun),
    "evaluasi:rekomendasi_tambah": Aturan("reviu", _kode_tahun),
    "evaluasi:rekomendasi_tutup": Aturan("reviu", _rekomendasi),
    # REST API
    "api:api-root": Aturan("api_akun"),
    "api:rekap": Aturan("api_provinsi", query="?tahun=2024&provinsi=16"),
    "api:rekap-indikator": Aturan(
        "api_provinsi", query="?tahun=2024&provinsi=16&indikator=teks:Partisipasi"
    ),
    "api:satker-list": Aturan("api_daftar"),
    "api:satker-detail": Aturan("api_baca", _kode),
    "api:pejabat-list": Aturan("api_daftar"),
    "api:pejabat-detail": Aturan("api_baca", lambda d: {"pk": d.dunia.pejabat.pk}),
    "api:indikator-list": Aturan("api_umum"),
    "api:indikator-detail": Aturan("api_umum", lambda d: {"pk": d.indikator.pk}),
    "api:perjanjian-list": Aturan("api_daftar"),
    "api:perjanjian-detail": Aturan("api_baca", lambda d: {"pk": d.dunia.pk_draft.pk}),
    "api:perjanjian-ajukan": Aturan(
        "api_aksi", lambda d: {"pk": d.dunia.pk_draft.pk}, "sekretaris_a"
    ),
    "api:perjanjian-tandatangani": Aturan(
        "api_aksi", lambda d: {"pk": d.dunia.pk_diajukan.pk}, "ketua_a"
    ),
    "api:perjanjian-revisi": Aturan(
        "api_aksi", lambda d: {"pk": d.dunia.pk_ttd.pk}, "sekretaris_a"
    ),
    "api:baris-pk-list": Aturan("api_daftar"),
    "api:baris-pk-detail": Aturan("api_baca", lambda d: {"pk": d.dunia.baris.pk}),
    "api:realisasi-list": Aturan("api_daftar"),
    "api:realisasi-detail": Aturan("api_baca", lambda d: {"pk": d.dunia.realisasi.pk}),
    "api:dipa-list": Aturan("api_daftar"),
    "api:dipa-detail": Aturan("api_baca", lambda d: {"pk": d.dunia.revisi.dipa_id}),
    "api:revisi-dipa-list": Aturan("api_daftar"),
    "api:revisi-dipa-detail": Aturan("api_baca", lambda d: {"pk": d.dunia.revisi.pk}),
    "api:baris-anggaran-list": Aturan("api_daftar"),
    "api:baris-anggaran-detail": Aturan("api_baca", lambda d: {"pk": d.dunia.baris_anggaran.pk}),
    "api:tautan-anggaran-list": Aturan("api_daftar"),
    "api:tautan-anggaran-detail": Aturan("api_baca", lambda d: {"pk": d.profil["tautan"].pk}),
    "api:output-ro-list": Aturan("api_daftar"),
    "api:output-ro-detail": Aturan("api_baca", lambda d: {"pk": d.profil["ro"].pk}),
    "api:revisi-baris-list": Aturan("api_daftar"),
    "api:revisi-baris-detail": Aturan("api_baca", lambda d: {"pk": d.profil["revisi_baris"].pk}),
    "api:laporan-list": Aturan("api_daftar"),
    "api:laporan-detail": Aturan("api_baca", lambda d: {"pk": d.laporan_final.pk}),
    "api:laporan-unduh": Aturan("api_baca", lambda d: {"pk": d.laporan_final.pk}),
}

PEMBACA = ["reviewer", "operator_a", "sekretaris_a", "ketua_a", "admin"]
LOGIN = reverse("login")


def test_setiap_pola_url_punya_aturan():
    """A pattern with neither a rule nor a stated exception fails the suite."""
    pola = pola_url()
    tanpa_aturan = sorted(k for k in pola if k not in ATURAN and k not in DIKECUALIKAN)
    assert not tanpa_aturan, (
        "URL tanpa aturan akses di tests/security/test_url_matrix.py: "
        + ", ".join(f"{k} ({pola[k]})" for k in tanpa_aturan)
    )
    usang = sorted(k for k in [*ATURAN, *DIKECUALIKAN] if k not in pola)
    assert not usang, f"aturan untuk URL yang sudah tidak ada: {usang}"


# ---------------------------------------------------------------- the check


class Pemeriksa:
    """Requests as each persona, collecting every mismatch to report them together."""

    def __init__(self, data: Data, nama: str, aturan: Aturan):
        self.data, self.nama, self.aturan = data, nama, aturan
        self.url = reverse(nama, kwargs=aturan.kwargs(data)) + aturan.query
        self.salah: list[str] = []

    def klien(self, persona: str) -> Client:
        c = APIClient() if self.aturan.jenis.startswith("api") else Client()
        if persona != "anonim":
            c.force_login(getattr(self.data.personas, persona))
            if self.aturan.jenis == "token" and persona == "operator_a":
                sesi = c.session
                sesi[SESI] = {self.data.token: "workbook.xlsx"}
                sesi.save()
        return c

    def minta(self, persona: str, method: str = "get", **kw):
        c = self.klien(persona)
        if method in ("post", "patch") and self.aturan.jenis.startswith("api"):
            kw.setdefault("format", "json")
        return getattr(c, method)(self.url, **kw)

    def harap(self, persona: str, method: str, diharapkan: set[int], **kw):
        resp = self.minta(persona, method, **kw)
        if resp.status_code not in diharapkan:
            self.salah.append(
                f"{persona} {method.upper()} {self.url}: {resp.status_code}, "
                f"diharapkan {sorted(diharapkan)}"
            )
        return resp

    def harap_login(self, method: str = "get"):
        resp = self.minta("anonim", method)
        if self.aturan.jenis.startswith("api"):
            if resp.status_code not in (401, 403):
                self.salah.append(f"anonim {method.upper()} {self.url}: {resp.status_code}")
        elif resp.status_code != 302 or not resp["Location"].startswith(LOGIN):
            self.salah.append(
                f"anonim {method.upper()} {self.url}: {resp.status_code}, bukan login"
            )

    def harap_tanpa_satker_a(self, persona: str, ada: bool):
        resp = self.minta(persona, "get", follow=True)
        if resp.status_code != 200:
            self.salah.append(f"{persona} GET {self.url}: {resp.status_code}")
            return
        teks = resp.content.decode()
        penanda = self.data.kode if self.aturan.jenis.startswith("api") else "Pagar Alam"
        if (penanda in teks) != ada:
            self.salah.append(f"{persona} GET {self.url}: satker A {'tidak ' if ada else ''}tampil")


def _periksa_baca(p: Pemeriksa) -> None:
    p.harap_login()
    p.harap("operator_b", "get", {404})
    for persona in PEMBACA:
        p.harap(persona, "get", {200})


def _periksa_tulis(p: Pemeriksa) -> None:
    a = p.aturan
    jenis = p.aturan.jenis
    p.harap_login("post")
    metode = ["post"] if jenis == "aksi" else ["get", "post"]
    for m in metode:
        p.harap("operator_b", m, {404})
        p.harap("reviewer", m, {403})
    if jenis == "tulis":
        p.harap(a.penulis, "get", {200})
    p.harap(a.penulis, "post", {200, 302} if jenis == "tulis" else {302})


def _periksa_daftar(p: Pemeriksa) -> None:
    p.harap_login()
    p.harap_tanpa_satker_a("operator_b", ada=False)
    p.harap_tanpa_satker_a("operator_a", ada=True)
    for persona in ("reviewer", "admin"):
        p.harap(persona, "get", {200, 302})


def _periksa_provinsi(p: Pemeriksa) -> None:
    p.harap_login()
    p.harap("operator_b", "get", {403, 404})
    p.harap("operator_a", "get", {403, 404})
    p.harap("reviewer", "get", {200})
    p.harap("admin", "get", {200})


def _periksa_nasional(p: Pemeriksa) -> None:
    p.harap_login()
    p.harap("operator_b", "get", {404})
    p.harap("operator_a", "get", {404})
    resp = p.harap("reviewer", "get", {302})
    if resp.status_code == 302 and "/rekap/provinsi/16/" not in resp["Location"]:
        p.salah.append(f"reviewer GET {p.url}: ke {resp['Location']}")
    p.harap("admin", "get", {200})


def _periksa_akun(p: Pemeriksa) -> None:
    p.harap_login()
    for persona in ("operator_b", *PEMBACA):
        p.harap(persona, "get", {200})


def _periksa_pribadi(p: Pemeriksa) -> None:
    """A person's own notification: nobody else opens it, not even the admin."""
    p.harap_login()
    for persona in ("operator_b", "sekretaris_a", "ketua_a", "reviewer", "admin"):
        p.harap(persona, "get", {404})
    p.harap("operator_a", "get", {302})


def _periksa_reviu(p: Pemeriksa) -> None:
    """A reviewer's action: the province's reviewer (and the admin) may, the office may not."""
    p.harap_login("post")
    p.harap("operator_b", "post", {404})
    for persona in ("operator_a", "sekretaris_a", "ketua_a"):
        p.harap(persona, "post", {403})
    p.harap("reviewer", "post", {302})


def _periksa_apip(p: Pemeriksa) -> None:
    """Only the inspectorate records its review (tests/laporan/test_reviu_apip.py signs as
    APIP); everyone else is refused, the admin included."""
    p.harap_login("post")
    p.harap("operator_b", "post", {404})
    for persona in ("operator_a", "sekretaris_a", "ketua_a", "reviewer", "admin"):
        p.harap(persona, "post", {403})


def _periksa_katalog(p: Pemeriksa) -> None:
    p.harap_login()
    for persona in ("operator_b", "reviewer", "operator_a", "sekretaris_a", "ketua_a"):
        p.harap(persona, "get", {403})
        p.harap(persona, "post", {403})
    p.harap("admin", "get", {200})


def _periksa_sendiri(p: Pemeriksa) -> None:
    p.harap_login("post")
    for persona in ("operator_b", *PEMBACA):
        p.harap(persona, "post", {302})


def _periksa_impor(p: Pemeriksa) -> None:
    p.harap_login()
    p.harap("reviewer", "get", {403})
    p.harap("reviewer", "post", {403})
    p.harap("operator_b", "get", {200})
    p.harap("operator_a", "get", {200})


def _periksa_token(p: Pemeriksa) -> None:
    metode = "post" if p.nama.endswith("terapkan") else "get"
    p.harap_login(metode)
    p.harap("reviewer", metode, {403})
    p.harap("operator_b", metode, {404})  # the token is not in operator_b's session
    p.harap("operator_a", metode, {200, 302})


def _periksa_api_akun(p: Pemeriksa) -> None:
    p.harap_login()
    for persona in ("operator_b", *PEMBACA):
        p.harap(persona, "get", {200})


def _periksa_api_umum(p: Pemeriksa) -> None:
    p.harap_login()
    for persona in ("operator_b", *PEMBACA):
        p.harap(persona, "get", {200})
    p.harap("reviewer", "post", {403, 405}, data={})


def _periksa_api_provinsi(p: Pemeriksa) -> None:
    p.harap_login()
    p.harap("operator_b", "get", {404})
    p.harap("reviewer", "get", {200})
    p.harap("admin", "get", {200})


def _periksa_api_daftar(p: Pemeriksa) -> None:
    p.harap_login()
    detail = ATURAN[p.nama.replace("-list", "-detail")].kwargs(p.data)
    objek_a = str(next(iter(detail.values())))
    for persona, ada in (("operator_b", False), ("operator_a", True), ("reviewer", True)):
        resp = p.harap(persona, "get", {200})
        if resp.status_code == 200:
            kunci = {str(r.get("kode", r.get("id"))) for r in resp.json()["results"]}
            if (objek_a in kunci) != ada:
                p.salah.append(f"{persona} GET {p.url}: objek satker A {objek_a} salah")
    metode = resolve(p.url.split("?")[0]).func.actions
    if "post" in metode:
        p.harap("reviewer", "post", {400, 403}, data={})


def _periksa_api_baca(p: Pemeriksa) -> None:
    p.harap_login()
    p.harap("operator_b", "get", {404})
    for persona in PEMBACA:
        p.harap(persona, "get", {200})
    metode = resolve(p.url).func.actions
    if "patch" in metode:
        p.harap("operator_b", "patch", {404}, data={})
        p.harap("reviewer", "patch", {403}, data={})
    if "delete" in metode:
        p.harap("operator_b", "delete", {404})
        p.harap("reviewer", "delete", {403})


def _periksa_api_aksi(p: Pemeriksa) -> None:
    a = p.aturan
    p.harap_login("post")
    p.harap("operator_b", "post", {404})
    p.harap("reviewer", "post", {403})
    p.harap(a.penulis, "post", {200, 201, 400}, data={"alasan": "Pergantian pejabat ketua"})


PERIKSA = {
    "baca": _periksa_baca,
    "tulis": _periksa_tulis,
    "aksi": _periksa_tulis,
    "daftar": _periksa_daftar,
    "provinsi": _periksa_provinsi,
    "nasional": _periksa_nasional,
    "akun": _periksa_akun,
    "impor": _periksa_impor,
    "katalog": _periksa_katalog,
    "pribadi": _periksa_pribadi,
    "reviu": _periksa_reviu,
    "inspektorat": _periksa_apip,
    "sendiri": _periksa_sendiri,
    "token": _periksa_token,
    "api_akun": _periksa_api_akun,
    "api_umum": _periksa_api_umum,
    "api_provinsi": _periksa_api_provinsi,
    "api_daftar": _periksa_api_daftar,
    "api_baca": _periksa_api_baca,
    "api_aksi": _periksa_api_aksi,
}


def periksa(p: Pemeriksa) -> None:
    if p.aturan.jenis not in PERIKSA:  # pragma: no cover - a typo in ATURAN
        pytest.fail(f"jenis aturan tidak dikenal: {p.aturan.jenis}")
    PERIKSA[p.aturan.jenis](p)


@pytest.mark.parametrize("nama", sorted(ATURAN))
def test_matriks_akses_otomatis(data, nama):
    p = Pemeriksa(data, nama, ATURAN[nama])
    periksa(p)
    assert not p.salah, "\n".join(p.salah)
