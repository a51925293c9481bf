"""One rule, every channel: the same input through the staff form, the REST API and the workbook
import gives the same stored row or the same refusal with the same message (Bahasa Indonesia).

Each case runs each channel on the same starting data (every channel inside its own savepoint,
rolled back afterwards) and compares what the channels did with each other and with what the
case expects. The divergences found in issue 11 are cases here: a target `77,5` with satuan `%`
(a plain number through the form, a percentage through the workbook), NIP and signing dates
unchecked by the API, three akun messages, and the API without optimistic locking.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kinerja.models import BarisAnggaran, BarisPK, PerjanjianKinerja, Realisasi
from satker.models import Pejabat
from tests.factories import (
    BarisPKFactory,
    DipaFactory,
    KegiatanFactory,
    PerjanjianFactory,
    RealisasiFactory,
)
from workbook.importer import impor_workbook

FORM, API, WORKBOOK = "form", "api", "workbook"
SEMUA = (FORM, API, WORKBOOK)


@dataclass
class Dunia:
    """The starting data: satker A's draft PK 2024 with a percentage row (no 1), a DIPA."""

    personas: object
    pk: PerjanjianKinerja
    baris: BarisPK
    kegiatan: object
    dipa: object


@dataclass
class Hasil:
    """What a channel did: the stored row (fields compared) or the refusal's messages."""

    tersimpan: tuple | None = None
    pesan: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"tersimpan {self.tersimpan}" if self.tersimpan else f"ditolak {self.pesan}"


@pytest.fixture
def dunia(personas) -> Dunia:
    a = personas.satker_a
    pk = PerjanjianFactory(satker=a, tahun=2024, jenis="KPU")
    baris = BarisPKFactory(perjanjian=pk, no="1", target="77,5%", satuan="%")
    return Dunia(personas, pk, baris, KegiatanFactory(), DipaFactory(satker=a, tahun=2024))


def _xlsx(sheet: str, kepala: list[str], baris: list) -> io.BytesIO:
    buku = openpyxl.Workbook()
    ws = buku.active
    ws.title = sheet
    ws.append(kepala)
    ws.append(baris)
    for sel in ws[2]:
        if isinstance(sel.value, str):
            sel.data_type = "s"  # text as a user types it ('=1+1 in Excel), never a formula
    f = io.BytesIO()
    buku.save(f)
    f.seek(0)
    return f


def _pesan_json(data) -> list[str]:
    if isinstance(data, dict):
        return [p for v in data.values() for p in _pesan_json(v)]
    if isinstance(data, list):
        return [p for v in data for p in _pesan_json(v)]
    return [str(data)]


def _pesan_form(resp) -> list[str]:
    form = resp.context["form"]
    return [p for daftar in form.errors.values() for p in daftar]


def _klien_web(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _klien_api(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(user)
    return c


# ---------------------------------------------------------------- channels per kind of row
#
# Each kind of row has a function per channel that writes one input and returns a Hasil, and a
# function that reads the stored row as a tuple.


def _baris_tersimpan(d: Dunia) -> tuple | None:
    b = BarisPK.objects.filter(perjanjian=d.pk, no="9").first()
    if b is None:
        return None
    angka = b.target_angka.normalize() if b.target_angka is not None else None
    return (b.target, b.jenis_nilai, b.satuan, angka, b.target_kode)


def baris_pk(kanal: str, d: Dunia, target: str, satuan: str = "") -> Hasil:
    isi = {"no": "9", "sasaran": "Sasaran uji", "indikator": "Indikator uji", "target": target}
    user = d.personas.operator_a
    if kanal == FORM:
        data = isi | {"satuan": satuan, "jenis_nilai": "", "arah": "naik", "agregasi": "terakhir"}
        resp = _klien_web(user).post(reverse("kinerja:baris_create", args=[d.pk.pk]), data)
        if resp.status_code != 302:
            return Hasil(pesan=_pesan_form(resp))
    elif kanal == API:
        data = isi | {"perjanjian": d.pk.pk, "satuan": satuan}
        resp = _klien_api(user).post("/api/v1/baris-pk/", data, format="json")
        if resp.status_code != 201:
            return Hasil(pesan=_pesan_json(resp.json()))
    else:
        kepala = ["satker", "tahun", "jenis", "no", "sasaran", "indikator", "target", "satuan"]
        f = _xlsx("PK", kepala, ["1672", 2024, "KPU", *isi.values(), satuan])
        lap = impor_workbook(f, user=user, terapkan=True)
        if lap.galat:
            return Hasil(pesan=[g.pesan for g in lap.galat])
    return Hasil(tersimpan=_baris_tersimpan(d))


def _realisasi_tersimpan(d: Dunia) -> tuple | None:
    r = Realisasi.objects.filter(baris__perjanjian=d.pk, periode="TW1").order_by("-id").first()
    if r is None:
        return None
    angka = r.teks_angka.normalize() if r.teks_angka is not None else None
    return (r.baris.no, r.teks, angka, r.teks_kode)


def realisasi(
    kanal: str, d: Dunia, teks: str, no: str = "1", versi=None, kendala: str = ""
) -> Hasil:
    user = d.personas.operator_a
    baris = BarisPK.objects.get(perjanjian=d.pk, no=no)
    if kanal == FORM:
        url = reverse("kinerja:realisasi_update", args=[baris.pk, "TW1"])
        data = {"teks": teks, "diperbarui": "" if versi is None else versi, "kendala": kendala}
        resp = _klien_web(user).post(url, data)
        if resp.status_code != 302:
            return Hasil(pesan=_pesan_form(resp))
    elif kanal == API:
        data = {"baris": baris.pk, "periode": "TW1", "teks": teks, "kendala": kendala}
        if versi is not None:
            data["diperbarui"] = versi
        resp = _klien_api(user).post("/api/v1/realisasi/", data, format="json")
        if resp.status_code not in (200, 201):
            return Hasil(pesan=_pesan_json(resp.json()))
    else:
        kepala = ["satker", "tahun", "jenis", "no", "periode", "realisasi", "kendala"]
        f = _xlsx("Realisasi", kepala, ["1672", 2024, "KPU", no, "TW1", teks, kendala])
        lap = impor_workbook(f, user=user, terapkan=True)
        if lap.galat:
            return Hasil(pesan=[g.pesan for g in lap.galat])
    return Hasil(tersimpan=_realisasi_tersimpan(d))


def pejabat(kanal: str, d: Dunia, nip: str) -> Hasil:
    user, a = d.personas.operator_a, d.personas.satker_a
    if kanal == FORM:
        data = {"nama": "Budi", "nip": nip, "jabatan": "Ketua", "divisi": ""}
        resp = _klien_web(user).post(reverse("satker:pejabat_create", args=[a.kode]), data)
        if resp.status_code != 302:
            return Hasil(pesan=_pesan_form(resp))
    elif kanal == API:
        data = {"satker": a.kode, "nama": "Budi", "nip": nip, "jabatan": "Ketua"}
        resp = _klien_api(user).post("/api/v1/pejabat/", data, format="json")
        if resp.status_code != 201:
            return Hasil(pesan=_pesan_json(resp.json()))
    else:
        f = _xlsx("Pejabat", ["satker", "nama", "nip", "jabatan"], [a.kode, "Budi", nip, "Ketua"])
        lap = impor_workbook(f, user=user, terapkan=True)
        if lap.galat:
            return Hasil(pesan=[g.pesan for g in lap.galat])
    p = Pejabat.objects.filter(satker=a, nama="Budi").first()
    return Hasil(tersimpan=(p.nama, p.nip, p.jabatan) if p else None)


def baris_anggaran(kanal: str, d: Dunia, akun: str, pagu: object = "Rp 5.000.000") -> Hasil:
    user, keg = d.personas.operator_a, d.kegiatan
    if kanal == FORM:
        url = reverse("kinerja:baris_anggaran_create", args=["1672", 2024])
        data = {
            "program": keg.program.pk,
            "kegiatan": keg.pk,
            "akun_kode": akun,
            "sumber": "APBN",
            "pagu": pagu,
            "realisasi": "",
        }
        resp = _klien_web(user).post(url, data)
        if resp.status_code != 302:
            return Hasil(pesan=_pesan_form(resp))
    elif kanal == API:
        data = {
            "dipa": d.dipa.pk,
            "program": keg.program.pk,
            "kegiatan": keg.pk,
            "akun_kode": akun,
            "sumber": "APBN",
            "pagu": pagu,
            "realisasi": 0,
        }
        resp = _klien_api(user).post("/api/v1/baris-anggaran/", data, format="json")
        if resp.status_code != 201:
            return Hasil(pesan=_pesan_json(resp.json()))
    else:
        kepala = ["satker", "tahun", "program_kode", "kegiatan_kode", "akun_kode", "pagu"]
        baris = ["1672", 2024, keg.program.kode, keg.kode, akun, pagu, 0]
        kepala.append("realisasi")
        lap = impor_workbook(_xlsx("Anggaran", kepala, baris), user=user, terapkan=True)
        if lap.galat:
            return Hasil(pesan=[g.pesan for g in lap.galat])
    b = BarisAnggaran.objects.filter(dipa__satker=d.personas.satker_a).first()
    return Hasil(tersimpan=(b.akun_kode, b.pagu, b.realisasi) if b else None)


def pihak_pk(kanal: str, d: Dunia, tanggal: str = "", nip: str = "") -> Hasil:
    """The parties and date of a PK. The workbook's PKPihak has no NIP column (spec)."""
    user, pk = d.personas.operator_a, d.pk
    isi = {"pihak_pertama_nama": "Ketua Uji", "pihak_pertama_jabatan": "Ketua", "tanggal": tanggal}
    if kanal == FORM:
        data = isi | {"pihak_pertama_nip": nip, "diperbarui": pk.diperbarui.isoformat()}
        resp = _klien_web(user).post(reverse("kinerja:pk_update", args=[pk.pk]), data)
        if resp.status_code != 302:
            return Hasil(pesan=_pesan_form(resp))
    elif kanal == API:
        data = {**isi, "tanggal": tanggal or None, "pihak_pertama_nip": nip}
        resp = _klien_api(user).patch(f"/api/v1/perjanjian/{pk.pk}/", data, format="json")
        if resp.status_code != 200:
            return Hasil(pesan=_pesan_json(resp.json()))
    else:
        kepala = ["satker", "tahun", "jenis", *isi]
        nilai = dt.date.fromisoformat(tanggal) if tanggal[:1].isdigit() else tanggal
        f = _xlsx("PKPihak", kepala, ["1672", 2024, "KPU", *list(isi.values())[:2], nilai])
        lap = impor_workbook(f, user=user, terapkan=True)
        if lap.galat:
            return Hasil(pesan=[g.pesan for g in lap.galat])
    pk.refresh_from_db()
    return Hasil(tersimpan=(pk.pihak_pertama_nama, pk.pihak_pertama_nip, pk.tanggal))


# ---------------------------------------------------------------- the cases


def tautan_anggaran(kanal: str, d: Dunia, porsi: str) -> Hasil:
    """A PK row linked to a kegiatan of the DIPA with a share (issue 17)."""
    user, k = d.personas.operator_a, d.kegiatan
    BarisAnggaran.objects.get_or_create(
        dipa=d.dipa, program=k.program, kegiatan=k, output_kode="", akun_kode="", sumber="APBN"
    )
    if kanal == FORM:
        url = reverse("kinerja:tautan_anggaran", args=[d.baris.pk])
        resp = _klien_web(user).post(url, {"sasaran": f"{k.pk}|", "porsi": porsi})
        if resp.status_code != 302:
            return Hasil(pesan=_pesan_form(resp))
    elif kanal == API:
        data = {"baris": d.baris.pk, "kegiatan": k.pk, "output_kode": "", "porsi": porsi}
        resp = _klien_api(user).post("/api/v1/tautan-anggaran/", data, format="json")
        if resp.status_code != 201:
            return Hasil(pesan=_pesan_json(resp.json()))
    else:
        kepala = ["satker", "tahun", "jenis", "no", "program_kode", "kegiatan_kode", "porsi"]
        f = _xlsx(
            "TautanAnggaran", kepala, ["1672", 2024, "KPU", "1", k.program.kode, k.kode, porsi]
        )
        lap = impor_workbook(f, user=user, terapkan=True)
        if lap.galat:
            return Hasil(pesan=[g.pesan for g in lap.galat])
    t = d.baris.tautan_anggaran.first()
    return Hasil(tersimpan=(t.kegiatan == k, t.output_kode, t.porsi.normalize()) if t else None)


@dataclass
class Kasus:
    nama: str
    tulis: Callable[..., Hasil]
    masukan: dict
    # Expected: the stored tuple, or a fragment of the one refusal message.
    tersimpan: tuple | None = None
    pesan: str = ""
    kanal: tuple[str, ...] = SEMUA


P, A, PR, OP, T = "PERSEN", "ANGKA", "PREDIKAT", "OPINI", "TEKS"
D = Decimal

KASUS = [
    # PK targets: the value kind is decided once (nilai.jenis_target).
    Kasus("target 77,5 satuan %", baris_pk, {"target": "77,5", "satuan": "%"},
          ("77,5", P, "%", D("77.5"), "")),
    Kasus("target 77,5% tanpa satuan", baris_pk, {"target": "77,5%"},
          ("77,5%", P, "%", D("77.5"), "")),
    Kasus("target desimal AS 77.5%", baris_pk, {"target": "77.5%"},
          ("77.5%", P, "%", D("77.5"), "")),
    Kasus("target ribuan Indonesia", baris_pk, {"target": "1.234,5", "satuan": "dokumen"},
          ("1.234,5", A, "dokumen", D("1234.5"), "")),
    Kasus("target ribuan AS", baris_pk, {"target": "1,234.5", "satuan": "dokumen"},
          ("1,234.5", A, "dokumen", D("1234.5"), "")),
    Kasus("target ambigu 1.234", baris_pk, {"target": "1.234"}, pesan="1.234"),
    Kasus("target satuan kata", baris_pk, {"target": "10 kali"},
          ("10 kali", A, "kali", D("10"), "")),
    Kasus("target predikat", baris_pk, {"target": "BB"}, ("BB", PR, "predikat", None, "BB")),
    Kasus("target opini", baris_pk, {"target": "WTP"}, ("WTP", OP, "opini", None, "WTP")),
    Kasus("target 0", baris_pk, {"target": "0", "satuan": "%"}, ("0", P, "%", D("0"), "")),
    Kasus("target negatif", baris_pk, {"target": "-5%"}, pesan="negatif"),
    Kasus("target sangat besar", baris_pk, {"target": "99999999999999999999"},
          pesan="terlalu besar"),
    Kasus("target tanda kosong", baris_pk, {"target": "-"}, pesan="bukan tanda kosong"),
    Kasus("target teks", baris_pk, {"target": "banyak sekali"},
          ("banyak sekali", T, "", None, "")),
    Kasus("target HTML", baris_pk, {"target": "<script>alert(1)</script>"}, pesan="<script>"),
    Kasus("target rumus", baris_pk, {"target": "=1+1"}, pesan="=1+1"),
    # Realisasi of the percentage row "1" (target 77,5%).
    # The share of a budget link (issue 17).
    Kasus("porsi 25,5%", tautan_anggaran, {"porsi": "25,5%"}, (True, "", D("25.5"))),
    Kasus("porsi di atas 100", tautan_anggaran, {"porsi": "150"}, pesan="paling banyak 100%"),
    Kasus("porsi 0", tautan_anggaran, {"porsi": "0"}, pesan="paling banyak 100%"),
    Kasus("porsi negatif", tautan_anggaran, {"porsi": "-5"}, pesan="negatif"),
    Kasus("porsi teks", tautan_anggaran, {"porsi": "separuh"}, pesan="bukan angka"),
    Kasus("porsi rumus", tautan_anggaran, {"porsi": "=1+1"}, pesan="=1+1"),
    Kasus("realisasi 80%", realisasi, {"teks": "80%"}, ("1", "80%", D("80"), "")),
    Kasus("realisasi 80 tanpa tanda persen", realisasi, {"teks": "80"}, ("1", "80", D("80"), "")),
    Kasus("realisasi 80,5", realisasi, {"teks": "80,5"}, ("1", "80,5", D("80.5"), "")),
    Kasus("realisasi desimal AS", realisasi, {"teks": "80.25%"},
          ("1", "80.25%", D("80.25"), "")),
    Kasus("realisasi predikat pada indikator persen", realisasi, {"teks": "B"},
          pesan="sedangkan indikator ini memakai persentase"),
    Kasus("realisasi negatif", realisasi, {"teks": "-1%"}, pesan="negatif"),
    Kasus("realisasi teks di tempat angka", realisasi, {"teks": "lima puluh"},
          pesan="lima puluh"),
    Kasus("realisasi ambigu", realisasi, {"teks": "1.234"}, pesan="1.234"),
    Kasus("realisasi sangat besar", realisasi, {"teks": "1000000000000000000%"},
          pesan="terlalu besar"),
    Kasus("realisasi HTML", realisasi, {"teks": "<b>80</b>"}, pesan="<b>80</b>"),
    Kasus("realisasi rumus", realisasi, {"teks": "=80+1"}, pesan="=80+1"),
    Kasus("kendala sangat panjang", realisasi, {"teks": "80%", "kendala": "x" * 5001},
          pesan="paling banyak 5000 karakter"),
    # NIP: 18 digits, spaces as printed are dropped.
    Kasus("NIP benar", pejabat, {"nip": "198001012005011001"},
          ("Budi", "198001012005011001", "Ketua")),
    Kasus("NIP dengan spasi", pejabat, {"nip": "19800101 200501 1 001"},
          ("Budi", "198001012005011001", "Ketua")),
    Kasus("NIP huruf", pejabat, {"nip": "12ab"}, pesan="NIP terdiri dari 18 angka."),
    Kasus("NIP 19 angka", pejabat, {"nip": "1980010120050110011"},
          pesan="NIP terdiri dari 18 angka."),
    Kasus("NIP HTML", pejabat, {"nip": "abc<script>"}, pesan="NIP terdiri dari 18 angka."),
    Kasus("NIP pihak PK HTML", pihak_pk, {"tanggal": "2024-01-15", "nip": "abc<script>"},
          pesan="NIP terdiri dari 18 angka.", kanal=(FORM, API)),
    # Akun: 6 digits, one message whatever the length.
    Kasus("akun 6 angka", baris_anggaran, {"akun": "521211"}, ("521211", 5_000_000, 0)),
    Kasus("akun 5 angka", baris_anggaran, {"akun": "52121"},
          pesan="Kode akun terdiri dari 6 angka, mis. 521211."),
    Kasus("akun 7 angka", baris_anggaran, {"akun": "5212111"},
          pesan="Kode akun terdiri dari 6 angka, mis. 521211."),
    Kasus("akun huruf", baris_anggaran, {"akun": "52A211"},
          pesan="Kode akun terdiri dari 6 angka, mis. 521211."),
    Kasus("pagu negatif", baris_anggaran, {"akun": "521211", "pagu": "-5000"}, pesan="negatif"),
    # The PK signing date: the year of the PK or the one before.
    Kasus("tanggal PK Januari", pihak_pk, {"tanggal": "2024-01-15"},
          ("Ketua Uji", "", dt.date(2024, 1, 15))),
    Kasus("tanggal PK Desember tahun sebelumnya", pihak_pk, {"tanggal": "2023-12-20"},
          ("Ketua Uji", "", dt.date(2023, 12, 20))),
    Kasus("tanggal PK dua tahun sebelumnya", pihak_pk, {"tanggal": "2022-12-31"},
          pesan="Tanggal PK 2024 harus pada tahun 2023–2024."),
    Kasus("tanggal PK 9999", pihak_pk, {"tanggal": "9999-12-31"},
          pesan="Tanggal PK 2024 harus pada tahun 2023–2024."),
]  # fmt: skip


def _jalankan(kanal: str, d: Dunia, kasus: Kasus) -> Hasil:
    with transaction.atomic():
        hasil = kasus.tulis(kanal, d, **kasus.masukan)
        transaction.set_rollback(True)
    return hasil


@pytest.mark.parametrize("kasus", KASUS, ids=[k.nama for k in KASUS])
def test_every_channel_gives_the_same_answer(dunia, kasus: Kasus):
    hasil = {kanal: _jalankan(kanal, dunia, kasus) for kanal in kasus.kanal}
    ringkas = "\n".join(f"  {k}: {h}" for k, h in hasil.items())
    if kasus.tersimpan is not None:
        for kanal, h in hasil.items():
            assert h.tersimpan == kasus.tersimpan, f"{kanal} berbeda:\n{ringkas}"
        return
    pesan = {kanal: sorted(h.pesan) for kanal, h in hasil.items()}
    pertama = next(iter(pesan.values()))
    assert all(h.tersimpan is None for h in hasil.values()), ringkas
    assert len(pertama) == 1 and kasus.pesan in pertama[0], ringkas
    assert all(p == pertama for p in pesan.values()), f"pesan berbeda:\n{ringkas}"


@pytest.mark.parametrize("kanal", SEMUA)
def test_target_77_5_with_satuan_percent_then_realisasi_80_percent(dunia, kanal):
    """The divergence that started it: the same row through each channel, then its realisasi."""
    baris_pk(kanal, dunia, "77,5", "%")
    assert realisasi(kanal, dunia, "80%", no="9").tersimpan == ("9", "80%", Decimal("80"), "")


# ---------------------------------------------------------------- stale versions


@pytest.mark.parametrize("kanal", [FORM, API])
def test_a_stale_version_is_refused_with_who_and_when(dunia, kanal):
    r = RealisasiFactory(baris=dunia.baris, periode="TW1", teks="70%")
    basi = r.diperbarui.isoformat()
    assert realisasi(kanal, dunia, "75%", versi=basi).tersimpan[1] == "75%"
    hasil = realisasi(kanal, dunia, "90%", versi=basi)
    assert hasil.tersimpan is None
    (pesan,) = hasil.pesan
    assert pesan.startswith("Data ini sudah diubah oleh operator_a pada ")
    assert Realisasi.objects.get(pk=r.pk).teks == "75%"


@pytest.mark.parametrize("kanal", [FORM, API])
def test_first_entry_of_an_empty_cell_never_overwrites_another(dunia, kanal):
    """Two people open the grid while TW1 is empty; both enter a figure."""
    pertama = realisasi(FORM, dunia, "70%", versi="baru")
    assert pertama.tersimpan[1] == "70%"
    kedua = realisasi(kanal, dunia, "90%", versi="baru")
    assert kedua.tersimpan is None
    (pesan,) = kedua.pesan
    assert pesan.startswith("Data ini sudah diisi oleh operator_a pada ")
    assert Realisasi.objects.get(baris=dunia.baris, periode="TW1").teks == "70%"


def test_the_api_answers_a_stale_version_with_409(dunia):
    r = RealisasiFactory(baris=dunia.baris, periode="TW1", teks="70%")
    api = _klien_api(dunia.personas.operator_a)
    url = f"/api/v1/realisasi/{r.pk}/"
    basi = api.get(url).json()["diperbarui"]
    assert api.patch(url, {"teks": "75%", "diperbarui": basi}, format="json").status_code == 200
    resp = api.patch(url, {"teks": "90%", "diperbarui": basi}, format="json")
    assert resp.status_code == 409
    assert "sudah diubah oleh operator_a" in resp.json()["detail"]


def test_the_grid_hands_out_baru_for_an_empty_cell(client, dunia):
    client.force_login(dunia.personas.operator_a)
    url = reverse("kinerja:realisasi_update", args=[dunia.baris.pk, "TW1"])
    assert 'name="diperbarui" value="baru"' in client.get(url).content.decode()


# ---------------------------------------------------------------- parsed once


@pytest.mark.parametrize("kanal", SEMUA)
def test_a_target_and_a_realisasi_are_parsed_once_per_write(dunia, kanal, monkeypatch):
    import kinerja.nilai

    panggilan = []
    asli = kinerja.nilai.parse_nilai

    def hitung(teks, *args, **kwargs):
        panggilan.append(teks)
        return asli(teks, *args, **kwargs)

    monkeypatch.setattr(kinerja.nilai, "parse_nilai", hitung)
    monkeypatch.setattr("kinerja.models.parse_nilai", hitung)
    assert baris_pk(kanal, dunia, "77,5%").tersimpan is not None
    assert panggilan.count("77,5%") == 1
    assert realisasi(kanal, dunia, "81,5%", no="9").tersimpan is not None
    assert panggilan.count("81,5%") == 1


def test_two_people_editing_the_same_narrative_section(dunia):
    """The second save of a section someone else saved meanwhile is refused, not lost."""
    from laporan.models import NarasiLaporan

    url = reverse("laporan:narasi_ubah", args=["1672", 2024, "penutup"])
    satu, dua = _klien_web(dunia.personas.operator_a), _klien_web(dunia.personas.sekretaris_a)
    versi = [c.get(url).context["form"].initial["diperbarui"] for c in (satu, dua)]
    assert versi == ["baru", "baru"]
    assert satu.post(url, {"teks": "Teks A", "diperbarui": versi[0]}).status_code == 302
    resp = dua.post(url, {"teks": "Teks B", "diperbarui": versi[1]})
    assert resp.status_code == 200
    assert "sudah diisi oleh operator_a" in " ".join(_pesan_form(resp))
    assert NarasiLaporan.objects.get(bagian="penutup").teks == "Teks A"
