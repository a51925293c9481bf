"""The worker measures the rekap after each change (rekap/latar.py), so no reader waits for it."""

import time
from dataclasses import replace
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from kinerja.models import (
    BarisAnggaran,
    Dipa,
    KebijakanCapaian,
    PemilihKecamatan,
    Realisasi,
    SkalaKategori,
)
from kinerja.services import realisasi_save
from rekap import latar
from rekap import selectors as rekap
from rekap.latar import hitung_rekap
from rekap.models import SatkerBerubah
from satker.models import Satker
from tests.kinerja.test_pemilihan import ik_perempuan, pemilihan  # noqa: F401 - fixtures
from tests.rekap.data import TAHUN
from tests.rekap.test_cache import HARI, _baris, _realisasi, _rekap
from tests.workbook.conftest import buat_xlsx
from tests.workbook.test_anggaran_kinerja import REVISI
from workbook.importer import impor_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def latar_aktif(settings):
    settings.REKAP_LATAR = True
    cache.clear()
    yield
    cache.clear()


def _simpan(personas, teks: str) -> None:
    r = _realisasi(personas.satker_a)
    realisasi_save(baris=r.baris, periode=r.periode, data={"teks": teks}, by=personas.operator_a)


def test_after_a_save_the_worker_measures_and_the_reader_measures_nobody(
    dua, dihitung, latar_aktif, django_capture_on_commit_callbacks
):
    call_command("hitung_rekap", stdout=StringIO())  # after a deploy: everyone, once
    sebelum = _rekap(dua)
    dihitung.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _simpan(dua, "99%")
    assert dihitung == ["1672"]  # the sweep (immediate backend here) measured the one changed
    dihitung.clear()
    sesudah = _rekap(dua)
    assert dihitung == []  # the reader found the new figures in the cache
    assert sesudah["1672"] != sebelum["1672"] and sesudah["1674"] == sebelum["1674"]
    cache.clear()
    assert _rekap(dua) == sesudah  # and they are the figures


class Antre:
    """The sweep task as a queue of workers sees it: when each enqueued sweep may run."""

    def __init__(self, tunda: bool = True):
        self.waktu: list = []
        self.tunda = tunda
        self.run_after = None

    def get_backend(self):
        return SimpleNamespace(supports_defer=self.tunda)

    def using(self, *, run_after):
        self.run_after = run_after
        return self

    def enqueue(self):
        self.waktu.append(self.run_after)


@pytest.fixture
def antre(monkeypatch):
    a = Antre()
    monkeypatch.setattr(latar, "hitung_rekap", a)
    return a


def test_a_burst_of_saves_queues_one_sweep_a_few_seconds_ahead(dua, latar_aktif, antre):
    for _ in range(3):
        latar.minta_hitung()
    assert len(antre.waktu) == 1
    tunda = (antre.waktu[0] - timezone.now()).total_seconds()
    assert latar.JEDA_SAPU - 2 < tunda <= latar.JEDA_SAPU
    cache.delete(latar.KUNCI_ANTRE)  # what the sweep does when it starts
    latar.minta_hitung()
    assert len(antre.waktu) == 2


def test_without_workers_and_a_shared_cache_nothing_is_queued(
    dua, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.REKAP_LATAR = False
    antre = Antre()
    monkeypatch.setattr(latar, "hitung_rekap", antre)
    with django_capture_on_commit_callbacks(execute=True):
        _simpan(dua, "98%")
    assert antre.waktu == []


def test_an_import_queues_a_sweep(personas, latar_aktif, antre, django_capture_on_commit_callbacks):
    berkas = buat_xlsx(
        {"RevisiDIPA": [REVISI, ["1672", 2024, "DIPA Awal", "2023-12-01", 1_000_000]]}
    )
    with django_capture_on_commit_callbacks(execute=True):
        lap = impor_workbook(berkas, user=personas.operator_a, terapkan=True)
    assert lap.diterapkan, lap.teks()
    assert len(antre.waktu) == 1


def test_command_measures_the_changed_and_with_semua_everyone(dua, latar_aktif):
    out = StringIO()
    call_command("hitung_rekap", "--tahun", str(TAHUN), stdout=out)
    assert f"Tahun {TAHUN}: 4 satker dihitung ulang." in out.getvalue()
    out = StringIO()
    call_command("hitung_rekap", "--tahun", str(TAHUN), stdout=out)
    assert f"Tahun {TAHUN}: 0 satker dihitung ulang." in out.getvalue()
    out = StringIO()
    call_command("hitung_rekap", "--tahun", str(TAHUN), "--semua", stdout=out)
    assert f"Tahun {TAHUN}: 4 satker dihitung ulang." in out.getvalue()
    assert rekap.rekap_satker(user=dua.admin, tahun=TAHUN, today=HARI)


def test_a_forced_sweep_makes_every_process_forget_the_figures_it_read(dua, latar_aktif):
    awal = _rekap(dua)
    # what another process read before: same fingerprint, other figures (a write no
    # fingerprint sees, such as QuerySet.update() of a text)
    for k, (sidik, angka, waktu) in list(rekap._DI_PROSES.items()):
        rekap._DI_PROSES[k] = (sidik, replace(angka, kategori="USANG"), waktu)
    assert {b["kategori"] for b in _rekap(dua).values()} == {"USANG"}
    proses_lain = (dict(rekap._DI_PROSES), list(rekap._GENERASI))
    call_command("hitung_rekap", "--semua", stdout=StringIO())  # in the worker
    rekap._DI_PROSES.update(proses_lain[0])  # the web process still holds what it read
    rekap._GENERASI[:] = proses_lain[1]
    assert _rekap(dua) == awal


def test_readers_use_the_fingerprints_of_the_sweep(dua, latar_aktif, monkeypatch):
    call_command("hitung_rekap", stdout=StringIO())
    awal = _rekap(dua)
    # a write no signal announces: the readers show the last sweep's figures until the next
    r = _realisasi(dua.satker_a)
    Realisasi.objects.filter(pk=r.pk).update(teks="10%", teks_angka=10, diperbarui=timezone.now())
    asli = rekap._sidik
    monkeypatch.setattr(rekap, "_sidik", lambda *a: pytest.fail("reader read fingerprints"))
    assert _rekap(dua) == awal
    monkeypatch.setattr(rekap, "_sidik", asli)
    call_command("hitung_rekap", stdout=StringIO())
    assert _rekap(dua)["1672"] != awal["1672"]


@pytest.fixture
def dibaca(monkeypatch):
    """The satker ids whose fingerprints were read, per reading."""
    bacaan: list[set[int]] = []
    asli = rekap._sidik

    def catat(lingkup, *args):
        bacaan.append(
            set(lingkup.values_list("pk", flat=True))
            if hasattr(lingkup, "values_list")
            else set(lingkup)
        )
        return asli(lingkup, *args)

    monkeypatch.setattr(rekap, "_sidik", catat)
    return bacaan


def test_a_sweep_reads_the_fingerprints_of_the_satker_changed_only(
    dua, dibaca, latar_aktif, django_capture_on_commit_callbacks
):
    call_command("hitung_rekap", "--tahun", str(TAHUN), stdout=StringIO())
    assert dibaca == [set(Satker.objects.values_list("pk", flat=True))]
    dibaca.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _simpan(dua, "97%")
    # the two recent years, each for satker A alone
    assert dibaca and all(b == {dua.satker_a.pk} for b in dibaca)
    assert not SatkerBerubah.objects.exists()  # the sweep took its marks


def test_every_row_the_rekap_reads_marks_its_satker(
    dua, latar_aktif, antre, django_capture_on_commit_callbacks
):
    r = _realisasi(dua.satker_b)
    dipa = Dipa.objects.filter(satker=dua.satker_a).first()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        r.save()  # a realisasi of B
        BarisAnggaran.objects.filter(dipa=dipa).first().save()  # a budget line of A
    assert set(SatkerBerubah.objects.values_list("satker_id", flat=True)) == {
        dua.satker_a.pk,
        dua.satker_b.pk,
    }
    SatkerBerubah.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        r.delete()
    assert list(SatkerBerubah.objects.values_list("satker_id", flat=True)) == [dua.satker_b.pk]
    with django_capture_on_commit_callbacks(execute=True):
        skala = SkalaKategori.objects.create(nama="Berhasil")
        KebijakanCapaian.objects.create(tahun=TAHUN, skala=skala)  # national: every satker
    assert SatkerBerubah.SEMUA in SatkerBerubah.objects.values_list("satker_id", flat=True)
    assert len(antre.waktu) == 1  # one sweep queued for all of it


def test_a_sweep_reads_every_fingerprint_once_the_last_whole_reading_is_old(
    dua, dibaca, latar_aktif, antre, monkeypatch
):
    call_command("hitung_rekap", "--tahun", str(TAHUN), stdout=StringIO())
    awal = _rekap(dua)
    # a write no signal announces, in satker B; then a signalled change in satker A
    r = _realisasi(dua.satker_b)
    Realisasi.objects.filter(pk=r.pk).update(teks="10%", teks_angka=10, diperbarui=timezone.now())
    latar.tandai(dua.satker_a.pk)
    dibaca.clear()
    latar.sapu([TAHUN], satker=latar.ambil_tanda())
    assert dibaca == [{dua.satker_a.pk}] and _rekap(dua)["1674"] == awal["1674"]
    sekarang = time.time()
    monkeypatch.setattr(rekap.time, "time", lambda: sekarang + rekap.UMUR_SIDIK / 2 + 1)
    latar.tandai(dua.satker_a.pk)
    latar.sapu([TAHUN], satker=latar.ambil_tanda())
    assert len(dibaca[-1]) == Satker.objects.count()
    assert _rekap(dua)["1674"] != awal["1674"]


def test_two_sweeps_never_overlap(dua, latar_aktif, antre):
    latar.tandai(dua.satker_a.pk)
    antre.waktu.clear()
    cache.delete(latar.KUNCI_ANTRE)
    cache.add(latar.KUNCI_JALAN, 1)  # another worker is sweeping
    assert hitung_rekap.call() == {}
    assert len(antre.waktu) == 1  # it sweeps again after that one
    assert SatkerBerubah.objects.filter(satker_id=dua.satker_a.pk).exists()  # the mark waits


def test_election_data_changed_reaches_the_rekap(
    dua,
    ik_perempuan,  # noqa: F811 - the fixture
    pemilihan,  # noqa: F811 - the fixture
    latar_aktif,
    django_capture_on_commit_callbacks,
):
    """A participation row's realisasi is computed from the voters (kinerja.selectors
    .partisipasi_baris): changing who voted is a change of the rekap's figures."""
    baris = _baris(dua.satker_a)
    baris.indikator_kinerja, baris.target = ik_perempuan, "77%"
    baris.save()
    call_command("hitung_rekap", stdout=StringIO())
    sebelum = _rekap(dua)
    kec = pemilihan.kecamatan.order_by("id").first()
    with django_capture_on_commit_callbacks(execute=True):
        kec.pengguna_p = 8_000  # fewer women voted: the row's capaian falls
        kec.save()
    sesudah = _rekap(dua)
    assert sesudah["1672"] != sebelum["1672"] and sesudah["1674"] == sebelum["1674"]
    cache.clear()
    assert _rekap(dua) == sesudah  # the figures of a fresh computation
    # and a change no signal announces is seen by the next whole reading of the fingerprints
    PemilihKecamatan.objects.filter(pk=kec.pk).update(pengguna_p=9_000)
    call_command("hitung_rekap", stdout=StringIO())
    assert _rekap(dua)["1672"] != sesudah["1672"]
