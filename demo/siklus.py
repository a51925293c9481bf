"""The illustrative 2025-2026 cycle of the three demo offices (fixtures/README.md: the figures
are invented, not real).

2025: both PKs built from the national catalogue (Renstra 2025-2029) and signed in January,
four quarters of realisasi, a DIPA with revisions, and a final LKjIP 2025. 2026: both PKs signed
in January, realisasi for TW I-III, a DIPA with its realisasi to 30 September. Rows, figures and
dates are derived deterministically from the office and indicator codes, so a second load
writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Sum

from kinerja import models as km
from kinerja import services as ks
from kinerja.capaian import TRIWULAN
from kinerja.nilai import JenisNilai
from kinerja.selectors import partisipasi_untuk
from laporan import services as ls
from laporan.models import JustifikasiPemeriksaan, LaporanKinerja
from laporan.pemeriksaan import belum_dijustifikasi, periksa
from laporan.selectors import build_laporan
from satker.models import Satker

TAHUN_FINAL = 2025
# The quarters with realisasi in each year of the cycle (2026: up to TW III, as of December).
TRIWULAN_ADA = {2025: TRIWULAN, 2026: TRIWULAN[:3]}
# Regional targets above the national one: office, indicator code -> target.
TARGET_DAERAH = {("1672", "IK4.4"): "85%", ("1602", "IK4.2"): "87%", ("1272", "IK25.05"): "0,08%"}
# Budget lines (program, kegiatan, output, share of the office's pagu).
LINI = [
    ("076.01.WA", "3360", "EBA.994", Decimal("0.55")),
    ("076.01.WA", "3355", "EBA.962", Decimal("0.10")),
    ("076.01.CQ", "6709", "QGE.001", Decimal("0.15")),
    ("076.01.CQ", "6871", "QGE.002", Decimal("0.20")),
]
PAGU = {"1672": 6_480_000_000, "1602": 11_350_000_000, "1272": 7_920_000_000}
CATATAN = "Data demo ilustratif (bukan angka resmi)."


def _acak(*kunci: object) -> int:
    """A stable number 0..999 from the keys (the same on every load)."""
    return int(hashlib.sha256("|".join(map(str, kunci)).encode()).hexdigest()[:6], 16) % 1000


def muat_siklus(satker: dict[str, Satker], pengguna: dict[str, dict[str, User]]) -> None:
    zona = ZoneInfo(settings.TIME_ZONE)
    for kode, orang in pengguna.items():
        for tahun in TRIWULAN_ADA:
            _pk(satker[kode], tahun, orang, zona)
            _dipa(satker[kode], tahun, orang["OPERATOR"])
    # Once every office's year is in: a report compares each office with the others.
    for kode, orang in pengguna.items():
        _final(satker[kode], TAHUN_FINAL, orang["KETUA"])


def _pk(s: Satker, tahun: int, orang: dict[str, User], zona) -> None:
    for jenis in km.PerjanjianKinerja.Jenis:
        pk = km.PerjanjianKinerja.objects.filter(satker=s, tahun=tahun, jenis=jenis).first()
        if pk is None:
            pk = ks.perjanjian_create(
                satker=s, tahun=tahun, jenis=jenis, sumber=ks.SUMBER_RENSTRA, by=orang["OPERATOR"]
            )
            for b in pk.baris.select_related("indikator_kinerja"):
                target = TARGET_DAERAH.get((s.kode, b.indikator_kinerja.kode))
                if target:
                    ks.baris_save(
                        perjanjian=pk, baris=b, data={"target": target}, by=orang["OPERATOR"]
                    )
            tanggal = dt.date(tahun, 1, 8 + _acak(s.kode, tahun) % 15)
            ks.perjanjian_update(perjanjian=pk, data={"tanggal": tanggal}, by=orang["OPERATOR"])
            km.PerjanjianKinerja.objects.filter(pk=pk.pk).update(
                status=km.PerjanjianKinerja.Status.DITANDATANGANI,
                diajukan_pada=dt.datetime.combine(tanggal, dt.time(9), tzinfo=zona),
                ditandatangani_pada=dt.datetime.combine(tanggal, dt.time(10), tzinfo=zona),
                ditandatangani_oleh=orang["KETUA"],
            )
        _realisasi(pk, TRIWULAN_ADA[tahun])
        _anggaran_pk(pk)


def _nilai(b: km.BarisPK, periode: str) -> str | None:
    """An illustrative realisasi for a quarter: around the target, reached by the year end."""
    acak = _acak(b.perjanjian.satker.kode, b.perjanjian.tahun, b.no, periode)
    if b.jenis_nilai in (JenisNilai.PREDIKAT, JenisNilai.OPINI, JenisNilai.ANGKA):
        if periode != "TW4":
            return None  # a yearly assessment: known at the end of the year
        if b.jenis_nilai == JenisNilai.PREDIKAT:
            return "BB" if acak < 400 else b.target
        if b.jenis_nilai == JenisNilai.OPINI:
            return "WTP"
        return f"{b.target_angka + Decimal(acak % 30 - 10) / 10:.1f}".replace(".", ",")
    target = b.target_angka
    bagian = Decimal(TRIWULAN.index(periode) + 1) / 4
    if b.arah == "turun":
        nilai = target * (Decimal("0.7") + Decimal(acak) / 1000)
    else:
        nilai = (
            target
            * (Decimal("0.55") + Decimal("0.45") * bagian)
            * (Decimal("0.93") + Decimal(acak % 100) / 1000)
        )
    if b.jenis_nilai == JenisNilai.PERSEN:
        nilai = min(nilai, Decimal(100))
    return f"{nilai:.2f}".replace(".", ",") + ("%" if b.jenis_nilai == JenisNilai.PERSEN else "")


def _realisasi(pk: km.PerjanjianKinerja, triwulan: tuple[str, ...]) -> None:
    ada = set(km.Realisasi.objects.filter(baris__perjanjian=pk).values_list("baris_id", "periode"))
    baris = list(pk.baris.select_related("perjanjian", "indikator_kinerja"))
    dihitung = partisipasi_untuk(baris)  # the system's figure is the realisasi: nothing typed
    baru = []
    for b in baris:
        if b.pk in dihitung:
            continue
        for periode in triwulan:
            teks = _nilai(b, periode)
            if teks is None or (b.pk, periode) in ada:
                continue
            r = km.Realisasi(baris=b, periode=periode, teks=teks, bukti_catatan=CATATAN)
            r.full_clean()
            baru.append(r)
    for r in baru:
        r.save()


def _anggaran_pk(pk: km.PerjanjianKinerja) -> None:
    if pk.anggaran.exists():
        return
    pagu = PAGU[pk.satker.kode]
    for i, program in enumerate(["076.01.CQ", "076.01.WA"]):
        bagian = sum(p for prog, _, _, p in LINI if prog == program)
        km.AnggaranPK.objects.create(
            perjanjian=pk, program=program, jumlah=int(pagu * bagian), urutan=i
        )


def _dipa(s: Satker, tahun: int, operator: User) -> None:
    dipa = ks.dipa_get_or_create(satker=s, tahun=tahun, by=operator)
    if dipa.revisi.exists():
        return
    pagu = PAGU[s.kode] + (tahun - 2025) * 240_000_000
    revisi = [("DIPA Awal", dt.date(tahun - 1, 12, 2), pagu)]
    if tahun == 2025:
        revisi += [("Revisi 1", dt.date(tahun, 4, 15), pagu + 120_000_000)]
        revisi += [("Revisi 2", dt.date(tahun, 9, 22), pagu + 95_000_000)]
    for label, tanggal, jumlah in revisi:
        ks.revisi_dipa_save(
            dipa=dipa, data={"label": label, "tanggal": tanggal, "pagu": jumlah}, by=operator
        )
    akhir = revisi[-1][2]
    final = tahun == 2025
    per_tanggal = dt.date(tahun, 12, 31) if final else dt.date(tahun, 9, 30)
    kegiatan = {(k.program.kode, k.kode): k for k in km.Kegiatan.objects.select_related("program")}
    output = {(o.kegiatan_id, o.kode): o.nama for o in km.Output.objects.all()}
    sisa = akhir
    for i, (program, keg, out, bagian) in enumerate(LINI):
        jumlah = sisa if i == len(LINI) - 1 else int(akhir * bagian)
        sisa -= jumlah
        serapan = (
            Decimal("0.93" if final else "0.64") + Decimal(_acak(s.kode, tahun, out) % 60) / 1000
        )
        k = kegiatan[(program, keg)]
        ks.baris_anggaran_save(
            dipa=dipa,
            data={
                "program": k.program,
                "kegiatan": k,
                "output_kode": out,
                "output_nama": output[(k.pk, out)],
                "pagu": jumlah,
                "realisasi": int(jumlah * serapan),
                "sumber_realisasi": "SAKTI",
                "per_tanggal": per_tanggal,
                "urutan": i,
            },
            by=operator,
        )
    assert dipa.baris.aggregate(t=Sum("pagu"))["t"] == akhir


def _final(s: Satker, tahun: int, ketua: User) -> None:
    """The LKjIP of the year, final: every check the demo data raises is justified first."""
    if LaporanKinerja.objects.filter(satker=s, tahun=tahun, status="FINAL").exists():
        return
    draf = ls.laporan_get_or_create_draft(satker=s, tahun=tahun)
    lap = build_laporan(s, tahun, laporan=draf)
    for t in belum_dijustifikasi(lap, periksa(lap)):
        JustifikasiPemeriksaan.objects.create(
            laporan=draf, kunci=t.kunci, teks=f"{CATATAN} Temuan diterima.", oleh=ketua
        )
    ls.laporan_finalise(satker=s, tahun=tahun, oleh=ketua)
