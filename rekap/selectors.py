"""Rekap: every satker a user may read, side by side, in a fixed number of queries.

A provincial reviewer sees its province and its kab/kota, KPU RI sees everything. Each figure
comes from the capaian engine through the same selectors the report uses (`masukan_baris`,
`ukur`, `ringkasan_anggaran_per_satker`, `laporan.pemeriksaan.periksa_data`); nothing is
computed here but counts. The queries do not depend on the number of satker: tests assert it
with 5 and 50.

The figures of a satker and year (`AngkaSatker`) are cached under a fingerprint of its data
read in SQL for all satker at once (`_sidik`): only satker whose data changed are measured
again. What depends on the day (late quarters and PKs) and the report's status and
justifications are read on every request.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from evaluasi.models import Evaluasi
from kinerja import capaian as engine
from kinerja import jadwal
from kinerja.anggaran import output_ro_per_satker
from kinerja.models import Dipa, OutputRO, PerjanjianKinerja, Realisasi
from kinerja.selectors import (
    KOLOM_BARIS,
    KOLOM_NILAI,
    Kebijakan,
    Pengukuran,
    RingkasanAnggaran,
    baris_queryset,
    data_pemilih_per_satker,
    kebijakan_per_satker,
    masukan_baris,
    partisipasi_baris,
    partisipasi_untuk,
    ringkasan_anggaran_per_satker,
    ukur,
    ukur_baris,
)
from laporan.models import LaporanKinerja
from laporan.pemeriksaan import BarisPeriksa, DataPeriksa, periksa_data
from laporan.selectors import anggaran_laporan
from satker.models import Satker
from satker.selectors import aset_per_jenis, pegawai_per_status, satker_visible

JENIS_PK = tuple(PerjanjianKinerja.Jenis)
ST = PerjanjianKinerja.Status
# Labels by value: looking a value up in its enum costs more than the rest of a rekap row, and a
# national page shows 553 rows of several.
LABEL_JENIS_PK = dict(PerjanjianKinerja.Jenis.choices)
LABEL_STATUS_PK = dict(ST.choices)
LABEL_STATUS_LAPORAN = dict(LaporanKinerja.Status.choices)
LABEL_PERIODE = dict(engine.Periode.choices)
# Bump when what AngkaSatker holds or how it is computed changes: a shared cache (database,
# Redis) outlives a deploy. Entries also expire, which bounds the life of a figure whose data was
# changed by a write the fingerprint cannot see (QuerySet.update() of a text or a date).
# 2: capaian RO and the planned serapan (issue 17); 3: published fingerprints dated; 4: the
# fingerprints hold the voters
VERSI_CACHE = 4
UMUR_CACHE = 60 * 60


@dataclass(frozen=True)
class RekapPK:
    """One PK of a satker in a rekap: its latest version, status and the capaian of its rows."""

    jenis: str
    perjanjian_id: int | None
    versi: int | None
    status: str
    capaian: tuple[Decimal | None, ...]
    ringkasan: engine.RingkasanCapaian
    kategori: str

    @property
    def label(self) -> str:
        return LABEL_JENIS_PK[self.jenis]

    @property
    def status_label(self) -> str:
        return LABEL_STATUS_PK[self.status] if self.status else "Belum ada"

    @property
    def ditandatangani(self) -> bool:
        return self.status == ST.DITANDATANGANI


@dataclass(frozen=True)
class Kelengkapan:
    """How many PK rows have a realisasi for a quarter, and whether the quarter has ended."""

    periode: str
    terisi: int
    jumlah: int
    berakhir: bool

    @property
    def lengkap(self) -> bool:
        return self.terisi == self.jumlah

    @property
    def terlambat(self) -> bool:
        return self.berakhir and self.jumlah > 0 and not self.lengkap


@dataclass(frozen=True)
class AngkaSatker:
    """The figures of a satker and year that depend on its data only: what is cached."""

    pk: dict[str, RekapPK]
    ringkasan: engine.RingkasanCapaian
    kategori: str
    terisi: tuple[int, ...]  # rows with a realisasi, per quarter of engine.TRIWULAN
    jumlah_baris: int
    anggaran: engine.Total
    pagu_dipa: int | None
    temuan: tuple[str, ...]  # keys of the data checks' findings
    capaian_ro: Decimal | None = None  # average capaian of the outputs (RO)
    rencana_serapan: Decimal | None = None  # serapan planned at the lines' cut-off date


@dataclass(frozen=True)
class BarisRekap:
    """One satker in a rekap."""

    satker: Satker
    provinsi: Satker | None
    angka: AngkaSatker
    kelengkapan: list[Kelengkapan]
    status_laporan: str
    status_laporan_label: str
    laporan_final: bool
    temuan: int
    terlambat: list[str] = field(default_factory=list)

    @property
    def pk(self) -> dict[str, RekapPK]:
        return self.angka.pk

    @property
    def ringkasan(self) -> engine.RingkasanCapaian:
        return self.angka.ringkasan

    @property
    def kategori(self) -> str:
        return self.angka.kategori

    @property
    def anggaran(self) -> engine.Total:
        return self.angka.anggaran

    @property
    def pagu_dipa(self) -> int | None:
        return self.angka.pagu_dipa

    @property
    def di_bawah_target(self) -> int:
        return self.ringkasan.di_bawah_target

    @property
    def capaian(self) -> Decimal | None:
        return self.ringkasan.rata_rata

    @property
    def serapan(self) -> Decimal | None:
        return self.anggaran.serapan

    @property
    def capaian_ro(self) -> Decimal | None:
        return self.angka.capaian_ro

    @property
    def serapan_rendah(self) -> bool:
        """Serapan far below the plan of the last quarter ended by the realisasi's date."""
        rencana = self.angka.rencana_serapan
        return rencana is not None and engine.di_bawah_rencana(self.serapan, rencana)


def _provinsi(s: Satker) -> Satker | None:
    """`Satker.provinsi` without a query: `induk` is selected with the satker."""
    if s.tingkat == Satker.Tingkat.PROVINSI:
        return s
    if s.tingkat in (Satker.Tingkat.KABUPATEN, Satker.Tingkat.KOTA):
        return s.induk
    return None


def _satker_qs(
    user: User | AnonymousUser | None, provinsi: Satker | None = None, satker: Satker | None = None
) -> QuerySet[Satker]:
    """What `user` may read; every office for the system itself (`user` None: the reminders)."""
    qs = satker_visible(user) if user is not None else Satker.objects.all()
    if provinsi is not None:
        qs = qs.filter(Q(pk=provinsi.pk) | Q(induk_id=provinsi.pk))
    if satker is not None:
        qs = qs.filter(pk=satker.pk)
    return qs


def satker_rekap(
    *,
    user: User | AnonymousUser | None,
    provinsi: Satker | None = None,
    satker: Satker | None = None,
) -> list[Satker]:
    """The satker of a rekap: all the user may read, those of one province, or just one."""
    return list(_satker_qs(user, provinsi, satker).select_related("induk").order_by("kode"))


def _pk_terbaru(lingkup: QuerySet | list[int], tahun: int) -> QuerySet[PerjanjianKinerja]:
    """The latest version of each PK of the satker in `lingkup` (a subquery of ids, or ids)."""
    lebih_baru = PerjanjianKinerja.objects.filter(
        satker_id=OuterRef("satker_id"),
        tahun=OuterRef("tahun"),
        jenis=OuterRef("jenis"),
        versi__gt=OuterRef("versi"),
    )
    return PerjanjianKinerja.objects.filter(
        ~Exists(lebih_baru), satker_id__in=lingkup, tahun=tahun
    ).order_by()


def _sidik(lingkup: QuerySet, tahun: int, kebijakan: dict[int, Kebijakan]) -> dict[int, tuple]:
    """Per satker, a fingerprint of every stored value its figures read, in five queries.

    Counts and highest ids see rows added and deleted, the highest `diperbarui` sees a row saved,
    the budget sums see amounts changed; the policy is compared as it is.
    """
    kinerja = {
        r.pop("satker_id"): tuple(r.values())
        for r in PerjanjianKinerja.objects.filter(satker_id__in=lingkup, tahun=tahun)
        .order_by()
        .values("satker_id")
        .annotate(
            Count("id", distinct=True),
            Max("id"),
            Max("diperbarui"),
            Count("baris", distinct=True),
            Max("baris"),
            Max("baris__diperbarui"),
            Count("baris__realisasi"),
            Max("baris__realisasi"),
            Max("baris__realisasi__diperbarui"),
        )
    }
    # The DIPA joined to both its revisions and its lines: every revision appears once per line
    # (at least once), so each sum is the true sum times a count that is itself in the fingerprint.
    anggaran = {
        r.pop("satker_id"): tuple(r.values())
        for r in Dipa.objects.filter(satker_id__in=lingkup, tahun=tahun)
        .order_by()
        .values("satker_id")
        .annotate(
            Max("id"),
            Count("revisi", distinct=True),
            Max("revisi"),
            Sum("revisi__pagu"),
            Sum("revisi__urutan"),
            Max("revisi__tanggal"),
            Count("baris", distinct=True),
            Max("baris"),
            Max("baris__diperbarui"),
            Sum("baris__pagu"),
            Sum("baris__realisasi"),
        )
    }
    ro = {
        r.pop("dipa__satker_id"): tuple(r.values())
        for r in OutputRO.objects.filter(dipa__satker_id__in=lingkup, dipa__tahun=tahun)
        .order_by()
        .values("dipa__satker_id")
        .annotate(
            Count("id", distinct=True),
            Max("id"),
            Sum("volume"),
            Count("bulanan"),
            Max("bulanan"),
            Sum("bulanan__volume"),
            Sum("bulanan__uang"),
            kumulatif=Count("id", filter=Q(kumulatif=True), distinct=True),
        )
    }
    # the grade of a final AKIP evaluation announced this year is a realisasi (issue 18)
    akip = {
        sid: (nilai, predikat)
        for sid, nilai, predikat in Evaluasi.objects.filter(
            satker_id__in=lingkup, tahun_pengumuman=tahun, status=Evaluasi.Status.FINAL
        ).values_list("satker_id", "nilai_akhir", "predikat_akhir")
    }
    # the voters, from which the participation rows' realisasi is computed: as the rows read them
    pemilih = data_pemilih_per_satker(lingkup, [tahun])
    return {
        sid: (
            k,
            kinerja.get(sid),
            anggaran.get(sid),
            ro.get(sid),
            akip.get(sid),
            pemilih.get((sid, tahun)),
        )
        for sid, k in kebijakan.items()
    }


def _rekap_pk(
    jenis: str, pk: tuple | None, ukuran: list[Pengukuran], kebijakan: Kebijakan
) -> RekapPK:
    ringkasan = engine.ringkas_capaian(u.capaian for u in ukuran)
    perjanjian_id, versi, status = pk or (None, None, "")
    return RekapPK(
        jenis=jenis,
        perjanjian_id=perjanjian_id,
        versi=versi,
        status=status,
        capaian=tuple(u.capaian.nilai for u in ukuran),
        ringkasan=ringkasan,
        kategori=engine.kategori(ringkasan.rata_rata, kebijakan.skala),
    )


def _hitung(
    satker: list[Satker], lingkup: QuerySet | list[int], tahun: int, kebijakan: dict[int, Kebijakan]
) -> dict[int, AngkaSatker]:
    """The figures of the satker in `lingkup`, from `values()` rows, in five queries."""
    pk_qs = _pk_terbaru(lingkup, tahun)
    realisasi: dict[int, list[dict]] = defaultdict(list)
    for r in (
        Realisasi.objects.filter(baris__perjanjian__in=pk_qs)
        .order_by()
        .values("baris_id", *KOLOM_NILAI)
    ):
        realisasi[r["baris_id"]].append(r)
    # each latest PK with its rows (one line without a row for a PK that has none)
    pk: dict[tuple[int, str], tuple] = {}
    ukuran: dict[int, list[Pengukuran]] = defaultdict(list)
    periksa: dict[int, list[BarisPeriksa]] = defaultdict(list)
    kolom = {k: f"baris__{k}" for k in ("id", "no", "indikator", *KOLOM_BARIS)}
    daftar = list(
        pk_qs.order_by("id", "baris__urutan", "baris__id").values(
            "id",
            "satker_id",
            "jenis",
            "versi",
            "status",
            "baris__indikator_kinerja__data_pemilu",
            *kolom.values(),
        )
    )
    pemilu = partisipasi_baris(
        (r["baris__id"], r["satker_id"], tahun, r["baris__indikator_kinerja__data_pemilu"])
        for r in daftar
        if r["baris__id"] is not None
    )
    for r in daftar:
        pid, sid = r["id"], r["satker_id"]
        pk[sid, r["jenis"]] = (pid, r["versi"], r["status"])
        if r["baris__id"] is None:
            continue
        b = {k: r[v] for k, v in kolom.items()}
        u = ukur(
            masukan_baris(b, realisasi.get(b["id"], ()), (), pemilu.get(b["id"])), kebijakan[sid]
        )
        ukuran[pid].append(u)
        terisi = u.realisasi_tahun is not None
        periksa[sid].append(BarisPeriksa(b["id"], r["jenis"], b["no"], b["indikator"], terisi))
    anggaran = ringkasan_anggaran_per_satker(lingkup, tahun)
    ro = output_ro_per_satker(lingkup, tahun, {sid: a.baris for sid, a in anggaran.items()})
    temuan = periksa_data(
        DataPeriksa(
            kode=s.kode,
            tahun=tahun,
            jenis_pk=frozenset(j for j in JENIS_PK if (s.pk, j) in pk),
            baris=periksa[s.pk],
            anggaran=anggaran_laporan(anggaran.get(s.pk)),
        )
        for s in satker
    )
    hasil = {}
    for s in satker:
        per_jenis = {}
        for j in JENIS_PK:
            p = pk.get((s.pk, j))
            per_jenis[j] = _rekap_pk(j, p, ukuran[p[0]] if p else [], kebijakan[s.pk])
        semua = [u for j in JENIS_PK if (s.pk, j) in pk for u in ukuran[pk[s.pk, j][0]]]
        ringkasan = engine.ringkas_capaian(u.capaian for u in semua)
        ang = anggaran.get(s.pk)
        hasil[s.pk] = AngkaSatker(
            pk=per_jenis,
            ringkasan=ringkasan,
            kategori=engine.kategori(ringkasan.rata_rata, kebijakan[s.pk].skala),
            terisi=tuple(
                sum(1 for u in semua if u.realisasi.get(p) is not None) for p in engine.TRIWULAN
            ),
            jumlah_baris=len(semua),
            anggaran=ang.total if ang else engine.Total(),
            pagu_dipa=ang.revisi_terakhir.pagu if ang and ang.revisi_terakhir else None,
            temuan=tuple(t.kunci for t in temuan[s.kode]),
            capaian_ro=engine.ringkas_capaian(
                engine.Capaian(r.capaian) for r in ro.get(s.pk, ())
            ).rata_rata,
            rencana_serapan=_rencana_serapan(ang, kebijakan[s.pk]),
        )
    return hasil


def _rencana_serapan(ang: RingkasanAnggaran | None, kebijakan: Kebijakan) -> Decimal | None:
    """The serapan planned at the date of the office's realisasi figures (their latest
    cut-off date): the plan of the last quarter ended by then; None without a date."""
    tanggal = (
        max((b.per_tanggal for b in ang.baris if b.per_tanggal), default=None) if ang else None
    )
    if tanggal is None:
        return None
    return engine.rencana_serapan(tanggal.month, kebijakan.rencana_serapan)


def _kunci_cache(satker_id: int, tahun: int) -> str:
    return f"rekap:{VERSI_CACHE}:{tahun}:{satker_id}"


def _umur_cache() -> int | None:
    # Computed by the worker after each change (rekap.latar), an entry lives until its data
    # changes; computed by readers, it expires, which bounds the life of a figure whose data was
    # changed by a write the fingerprint cannot see (the worker's sweeps cover those).
    return None if settings.REKAP_LATAR else UMUR_CACHE


# The figures this process has already read from the shared cache, by key: (fingerprint,
# figures, when read). They are valid under the same fingerprint and saves reading and unpickling
# hundreds of entries per request; the shared cache's generation (a token replaced when it is
# cleared or refreshed by force) tells every process to forget them.
_DI_PROSES: dict[str, tuple[tuple, AngkaSatker, float]] = {}
_GENERASI = [""]  # the generation the figures this process holds belong to
KUNCI_GENERASI = f"rekap:{VERSI_CACHE}:generasi"


def _cek_generasi(baru: bool = False) -> None:
    generasi = None if baru else cache.get(KUNCI_GENERASI)
    if generasi is None:
        generasi = secrets.token_hex(8)
        if baru:
            cache.set(KUNCI_GENERASI, generasi, None)
        elif not cache.add(KUNCI_GENERASI, generasi, None):
            generasi = cache.get(KUNCI_GENERASI, generasi)
    if generasi != _GENERASI[0]:
        _DI_PROSES.clear()
        _GENERASI[0] = generasi


# With the worker (settings.REKAP_LATAR), its sweep publishes the fingerprints it read, and
# readers use them instead of reading their own: the figures a reader shows are then those of
# the last sweep, a second or two after a change. A sweep reads the fingerprints of the satker
# changed since the one before (rekap.latar), and of every satker when the last whole reading is
# older than UMUR_SIDIK / 2: a write that sends no signal (a bulk ORM call) is seen then, at the
# latest; readers read their own fingerprints when the published ones are older than UMUR_SIDIK.
UMUR_SIDIK = 10 * 60


def _kunci_sidik(tahun: int) -> str:
    return f"rekap:{VERSI_CACHE}:{tahun}:sidik"


def _sidik_terbit(tahun: int) -> tuple[float, dict[int, tuple]] | None:
    """(when every satker's fingerprint was last read, the fingerprints) of the worker."""
    terbit = cache.get(_kunci_sidik(tahun))
    return terbit if terbit is not None and time.time() - terbit[0] < UMUR_SIDIK else None


def _sidik_pembaca(satker: list[Satker], tahun: int) -> dict[int, tuple] | None:
    terbit = _sidik_terbit(tahun) if settings.REKAP_LATAR else None
    return terbit[1] if terbit is not None and all(s.pk in terbit[1] for s in satker) else None


def _angka(
    satker: list[Satker], lingkup: QuerySet | list[int], tahun: int, *, paksa=False, sapu=False
) -> tuple[dict[int, AngkaSatker], list[Satker], dict[int, tuple]]:
    _cek_generasi(baru=paksa)
    kebijakan = kebijakan_per_satker([s.pk for s in satker], tahun)
    sidik = None if sapu else _sidik_pembaca(satker, tahun)
    if sidik is None:
        sidik = _sidik(lingkup, tahun, kebijakan)
    kunci = {s.pk: _kunci_cache(s.pk, tahun) for s in satker}
    umur, sekarang = _umur_cache(), time.monotonic()
    hasil: dict[int, AngkaSatker] = {}
    for s in satker:
        lama = _DI_PROSES.get(kunci[s.pk])
        if lama and lama[0] == sidik[s.pk] and (umur is None or sekarang - lama[2] < umur):
            hasil[s.pk] = lama[1]
    dicari = [kunci[s.pk] for s in satker if s.pk not in hasil]
    tersimpan = cache.get_many(dicari) if dicari and not paksa else {}
    for s in satker:
        lama = tersimpan.get(kunci[s.pk])
        if lama is not None and lama[0] == sidik[s.pk]:
            hasil[s.pk] = lama[1]
            _DI_PROSES[kunci[s.pk]] = (*lama, sekarang)
    berubah = [s for s in satker if s.pk not in hasil]
    if berubah:
        # all of them (an empty cache): the subquery; some: their ids, no more than the satker
        ids = lingkup if len(berubah) == len(satker) else [s.pk for s in berubah]
        baru = _hitung(berubah, ids, tahun, kebijakan)
        cache.set_many({kunci[sid]: (sidik[sid], angka) for sid, angka in baru.items()}, umur)
        _DI_PROSES.update({kunci[sid]: (sidik[sid], a, sekarang) for sid, a in baru.items()})
        hasil.update(baru)
    return hasil, berubah, sidik


def angka_satker(satker: list[Satker], lingkup: QuerySet, tahun: int) -> dict[int, AngkaSatker]:
    """The figures of each satker: from the cache when its fingerprint is unchanged."""
    return _angka(satker, lingkup, tahun)[0]


def perbarui_cache(tahun: int, *, paksa: bool = False, satker_id: set[int] | None = None) -> int:
    """Measure again and cache every satker whose data changed, among `satker_id` (None: every
    satker), or every one with `paksa` (the worker's sweep, so that no reader has to), and
    publish the fingerprints read; returns how many were measured."""
    terbit = None if satker_id is None or paksa else _sidik_terbit(tahun)
    if terbit is None or time.time() - terbit[0] > UMUR_SIDIK / 2:
        satker_id = None  # read every satker's fingerprint
    elif not satker_id:
        return 0
    semua = Satker.objects.all()
    if satker_id is None:
        satker, lingkup = list(semua.select_related("induk")), semua.values("pk")
    else:
        satker = list(semua.filter(pk__in=satker_id).select_related("induk"))
        lingkup = [s.pk for s in satker]
    _, berubah, sidik = _angka(satker, lingkup, tahun, paksa=paksa, sapu=True)
    waktu = time.time() if satker_id is None else terbit[0]
    cache.set(
        _kunci_sidik(tahun), (waktu, sidik if satker_id is None else terbit[1] | sidik), UMUR_SIDIK
    )
    return len(berubah)


@dataclass(frozen=True)
class _Laporan:
    status: str
    label: str
    final: bool
    justifikasi: frozenset[str]


def _laporan_terbaru(lingkup: QuerySet, tahun: int) -> dict[int, _Laporan]:
    """The latest LKjIP version of each satker with its justified findings, in one query."""
    versi: dict[int, tuple[int, str]] = {}
    kunci: dict[tuple[int, int], set[str]] = defaultdict(set)
    for sid, v, status, k in (
        LaporanKinerja.objects.filter(satker_id__in=lingkup, tahun=tahun)
        .order_by()
        .values_list("satker_id", "versi", "status", "justifikasi__kunci")
    ):
        if v >= versi.get(sid, (0, ""))[0]:
            versi[sid] = (v, status)
        if k is not None:
            kunci[sid, v].add(k)
    return {
        sid: _Laporan(
            status,
            f"{LABEL_STATUS_LAPORAN[status]} v{v}",
            status == LaporanKinerja.Status.FINAL,
            frozenset(kunci[sid, v]),
        )
        for sid, (v, status) in versi.items()
    }


def _terlambat(
    pk: dict[str, RekapPK],
    kelengkapan: list[Kelengkapan],
    laporan_final: bool,
    tahun: int,
    today: dt.date,
) -> list[str]:
    alasan = []
    if today > jadwal.batas_pk(tahun):
        alasan += [f"{r.label} belum ditandatangani" for r in pk.values() if not r.ditandatangani]
    alasan += [
        f"Realisasi {LABEL_PERIODE[k.periode]} belum lengkap ({k.terisi}/{k.jumlah})"
        for k in kelengkapan
        if k.terlambat
    ]
    if today > jadwal.batas_laporan(tahun) and not laporan_final:
        alasan.append("LKjIP belum final")
    return alasan


def rekap_satker(
    *,
    user: User | AnonymousUser | None,
    tahun: int,
    provinsi: Satker | None = None,
    satker: Satker | None = None,
    today: dt.date | None = None,
) -> list[BarisRekap]:
    """Each satker the user may read (in one province, or all, or one), with its figures."""
    today = today or timezone.localdate()
    lingkup = _satker_qs(user, provinsi, satker).values("pk")
    daftar = satker_rekap(user=user, provinsi=provinsi, satker=satker)
    angka = angka_satker(daftar, lingkup, tahun)
    laporan = _laporan_terbaru(lingkup, tahun)
    tanpa_laporan = _Laporan("", "Belum ada", False, frozenset())

    hasil = []
    for s in daftar:
        a, lap = angka[s.pk], laporan.get(s.pk, tanpa_laporan)
        kelengkapan = [
            Kelengkapan(p, terisi, a.jumlah_baris, today > jadwal.batas_realisasi(tahun, p))
            for p, terisi in zip(engine.TRIWULAN, a.terisi, strict=True)
        ]
        hasil.append(
            BarisRekap(
                satker=s,
                provinsi=_provinsi(s),
                angka=a,
                kelengkapan=kelengkapan,
                status_laporan=lap.status,
                status_laporan_label=lap.label,
                laporan_final=lap.final,
                temuan=sum(1 for k in a.temuan if k not in lap.justifikasi),
                terlambat=_terlambat(a.pk, kelengkapan, lap.final, tahun, today),
            )
        )
    return hasil


# ---------------------------------------------------------------- filters, order, groups

STATUS_FILTER = {
    "terlambat": ("Terlambat", lambda b: bool(b.terlambat)),
    "di-bawah-target": ("Ada indikator di bawah target", lambda b: b.di_bawah_target > 0),
    "pk-belum-ditandatangani": (
        "PK belum ditandatangani",
        lambda b: any(not r.ditandatangani for r in b.pk.values()),
    ),
    "laporan-belum-final": ("LKjIP belum final", lambda b: not b.laporan_final),
    "ada-temuan": ("Ada temuan konsistensi", lambda b: b.temuan > 0),
    "serapan-rendah": ("Serapan jauh di bawah rencana", lambda b: b.serapan_rendah),
}

URUTAN = {
    "kode": ("Kode", lambda b: b.satker.kode),
    "nama": ("Nama", lambda b: b.satker.nama),
    "capaian": ("Capaian", lambda b: b.capaian),
    "di_bawah_target": ("Di bawah target", lambda b: b.di_bawah_target),
    "serapan": ("Serapan", lambda b: b.serapan),
    "capaian_ro": ("Capaian RO", lambda b: b.capaian_ro),
    "pagu": ("Pagu", lambda b: b.anggaran.pagu),
    "terlambat": ("Terlambat", lambda b: len(b.terlambat)),
    "temuan": ("Temuan", lambda b: b.temuan),
}
URUTAN_BAKU = "-capaian"


def saring(baris: list[BarisRekap], status: str) -> list[BarisRekap]:
    """Only the rows with a status from STATUS_FILTER; an unknown status filters nothing."""
    if status not in STATUS_FILTER:
        return baris
    cocok = STATUS_FILTER[status][1]
    return [b for b in baris if cocok(b)]


def urutkan(baris: list[BarisRekap], urut: str) -> list[BarisRekap]:
    """Sort by a key of URUTAN, descending with a leading '-'; rows without a value go last."""
    kunci = urut.removeprefix("-")
    if kunci not in URUTAN:
        kunci, urut = URUTAN_BAKU.removeprefix("-"), URUTAN_BAKU
    ambil = URUTAN[kunci][1]
    ada = [b for b in baris if ambil(b) is not None]
    tanpa = [b for b in baris if ambil(b) is None]
    ada.sort(key=lambda b: (ambil(b), b.satker.kode), reverse=urut.startswith("-"))
    return ada + tanpa


@dataclass(frozen=True)
class RekapProvinsi:
    """The satker of one province (or KPU RI alone) taken together."""

    provinsi: Satker | None
    baris: list[BarisRekap]
    ringkasan: engine.RingkasanCapaian
    anggaran: engine.Total

    @property
    def jumlah_terlambat(self) -> int:
        return sum(1 for b in self.baris if b.terlambat)

    @property
    def jumlah_di_bawah_target(self) -> int:
        return sum(1 for b in self.baris if b.di_bawah_target)

    @property
    def jumlah_temuan(self) -> int:
        return sum(b.temuan for b in self.baris)


def _grup(provinsi: Satker | None, baris: list[BarisRekap]) -> RekapProvinsi:
    return RekapProvinsi(
        provinsi=provinsi,
        baris=baris,
        ringkasan=engine.ringkas_nilai(
            chain.from_iterable(r.capaian for b in baris for r in b.pk.values())
        ),
        anggaran=sum((b.anggaran for b in baris), engine.Total()),
    )


def per_provinsi(baris: list[BarisRekap]) -> list[RekapProvinsi]:
    """Group rekap rows by province (KPU RI first), each with its overall figures."""
    grup: dict[int | None, list[BarisRekap]] = defaultdict(list)
    provinsi: dict[int | None, Satker | None] = {}
    for b in baris:
        kunci = b.provinsi.pk if b.provinsi else None
        grup[kunci].append(b)
        provinsi[kunci] = b.provinsi
    urut = sorted(grup, key=lambda k: "" if k is None else provinsi[k].kode)
    return [_grup(provinsi[k], grup[k]) for k in urut]


def total(baris: list[BarisRekap]) -> RekapProvinsi:
    """All rows taken together (the national total row): the average capaian of every
    indicator, not the average of the provinces' averages."""
    return _grup(None, baris)


def cari(baris: list[BarisRekap], q: str) -> list[BarisRekap]:
    """The rows whose office code or name contains `q` (case-insensitive)."""
    q = q.strip().lower()
    if not q:
        return baris
    return [b for b in baris if q in b.satker.kode.lower() or q in b.satker.nama.lower()]


# ---------------------------------------------------------------- one indicator, many satker


@dataclass(frozen=True)
class PilihanIndikator:
    """An indicator to compare: a catalogue code (`ik:<kode>`, e.g. `ik:IK4.2`) or a row text
    (`teks:<text>`)."""

    kunci: str
    nama: str
    jumlah_satker: int

    @property
    def kode(self) -> str:
        """The catalogue code, for a catalogue indicator."""
        jenis, _, nilai = self.kunci.partition(":")
        return nilai if jenis == "ik" else ""


@dataclass(frozen=True)
class BarisIndikator:
    satker: Satker
    pengukuran: Pengukuran | None
    peringkat: int | None


def _kunci_baris(kode: str | None, indikator: str) -> str:
    """Rows compare by the national catalogue code (the same across years and Renstra periods);
    rows not linked to the catalogue by their text."""
    return f"ik:{kode}" if kode else f"teks:{indikator.strip()}"


def pilihan_indikator(
    *, user: User | AnonymousUser, tahun: int, provinsi: Satker | None = None
) -> list[PilihanIndikator]:
    """The indicators measured in the latest PKs of the rekap's satker, most common first."""
    pk_qs = _pk_terbaru(_satker_qs(user, provinsi).values("pk"), tahun)
    satker_per: dict[str, set[int]] = defaultdict(set)
    nama: dict[str, str] = {}
    for ik_kode, ik_nama, teks, satker_id in (
        baris_queryset()
        .filter(perjanjian__in=pk_qs)
        .values_list(
            "indikator_kinerja__kode",
            "indikator_kinerja__nama",
            "indikator",
            "perjanjian__satker_id",
        )
        .order_by()
    ):
        kunci = _kunci_baris(ik_kode, teks)
        satker_per[kunci].add(satker_id)
        nama.setdefault(kunci, ik_nama or teks.strip())
    return sorted(
        (PilihanIndikator(k, nama[k], len(v)) for k, v in satker_per.items()),
        key=lambda p: (-p.jumlah_satker, p.nama),
    )


def rekap_indikator(
    *, user: User | AnonymousUser, tahun: int, kunci: str, provinsi: Satker | None = None
) -> list[BarisIndikator]:
    """One indicator across the rekap's satker, ranked by capaian (those without one last)."""
    daftar = satker_rekap(user=user, provinsi=provinsi)
    kebijakan = kebijakan_per_satker([s.pk for s in daftar], tahun)
    pk_qs = _pk_terbaru(_satker_qs(user, provinsi).values("pk"), tahun)
    jenis, _, nilai = kunci.partition(":")
    if jenis == "ik" and nilai:
        cocok = Q(indikator_kinerja__kode=nilai)
    elif jenis == "teks" and nilai:
        cocok = Q(indikator_kinerja__isnull=True, indikator__iexact=nilai)
    else:
        cocok = Q(pk__in=[])
    ukur: dict[int, Pengukuran] = {}
    baris = list(
        baris_queryset()
        .filter(cocok, perjanjian__in=pk_qs)
        .select_related("perjanjian")
        .order_by("perjanjian__jenis", "urutan", "id")
    )
    pemilu = partisipasi_untuk(baris)
    for b in baris:
        sid = b.perjanjian.satker_id
        ukur.setdefault(sid, ukur_baris(b, kebijakan[sid], pemilu.get(b.pk)))
    ada = sorted(
        (s for s in daftar if s.pk in ukur and ukur[s.pk].capaian.ada),
        key=lambda s: (-ukur[s.pk].capaian.nilai, s.kode),
    )
    tanpa = [s for s in daftar if not (s.pk in ukur and ukur[s.pk].capaian.ada)]
    return [BarisIndikator(s, ukur[s.pk], i) for i, s in enumerate(ada, 1)] + [
        BarisIndikator(s, ukur.get(s.pk), None) for s in tanpa
    ]


# ---------------------------------------------------------------- office profile and elections


@dataclass(frozen=True)
class BarisProfil:
    """Staff by status and the voters of a year, of one satker or a sum of several."""

    nama: str
    satker: Satker | None
    pegawai: dict[str, int]
    pemilih: engine.DataPemilih
    aset: dict[str, int]

    @property
    def jumlah_pegawai(self) -> int:
        return sum(self.pegawai.values())


def _jumlah_profil(nama: str, daftar: list[BarisProfil]) -> BarisProfil:
    pegawai: dict[str, int] = defaultdict(int)
    aset: dict[str, int] = defaultdict(int)
    for b in daftar:
        for status, n in b.pegawai.items():
            pegawai[status] += n
        for jenis, n in b.aset.items():
            aset[jenis] += n
    ada = [b.pemilih for b in daftar if b.pemilih.dpt]
    return BarisProfil(nama, None, dict(pegawai), engine.jumlah_pemilih(ada), dict(aset))


def rekap_profil(
    *, user: User | AnonymousUser, tahun: int, provinsi: Satker | None = None
) -> tuple[list[BarisProfil], BarisProfil]:
    """Per satker (a province's rekap) or per province (KPU RI's), with the total: staff by
    status and the year's voters, in a fixed number of queries whatever the number of offices.
    Voters are summed over the offices with election data (a province's own elections and its
    kab/kota's are different elections, so a province's total adds their DPT as recorded)."""
    daftar = satker_rekap(user=user, provinsi=provinsi)
    ids = [s.pk for s in daftar]
    pegawai = pegawai_per_status(Satker.objects.filter(pk__in=ids), tahun)
    pemilih = data_pemilih_per_satker(ids, [tahun])
    aset = aset_per_jenis(Satker.objects.filter(pk__in=ids), tahun)
    baris = [
        BarisProfil(
            s.nama,
            s,
            pegawai.get(s.pk, {}),
            pemilih.get((s.pk, tahun), engine.DataPemilih()),
            aset.get(s.pk, {}),
        )
        for s in daftar
    ]
    if provinsi is None:
        per_provinsi: dict[int, list[BarisProfil]] = defaultdict(list)
        nama: dict[int, str] = {}
        for b in baris:
            s = b.satker
            kunci = s.pk if s.tingkat == Satker.Tingkat.PROVINSI else s.induk_id
            if kunci is None:
                continue
            per_provinsi[kunci].append(b)
            if s.tingkat == Satker.Tingkat.PROVINSI:
                nama[kunci] = s.nama
        baris = [
            _jumlah_profil(nama.get(k, str(k)), v)
            for k, v in sorted(per_provinsi.items(), key=lambda x: nama.get(x[0], ""))
        ]
    return baris, _jumlah_profil("Jumlah", baris)
