"""What the system answers of an office's self-assessment from its own data (issue 18), each
answer with its reason. The office may override a suggestion with a note; when it submits, the
suggestions it kept are recorded with their reasons (services.ajukan)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from common import format as fmt
from evaluasi.models import Evaluasi, Otomatis, Rekomendasi
from evaluasi.skor import jawaban_dari_porsi
from kinerja.capaian import TRIWULAN
from kinerja.models import BarisPK, PerjanjianKinerja
from kinerja.selectors import perjanjian_terbaru
from laporan.models import LaporanKinerja

Usulan = tuple[str, str]  # (answer, reason)


def _tanggal(d: dt.datetime) -> dt.date:
    return timezone.localtime(d).date() if timezone.is_aware(d) else d.date()


def _pk_tepat_waktu(satker, tahun: int) -> Usulan:
    batas = dt.date(tahun, 1, 31)
    tanda = {}
    for jenis, waktu in (
        PerjanjianKinerja.objects.filter(
            satker=satker, tahun=tahun, ditandatangani_pada__isnull=False
        )
        .order_by("ditandatangani_pada")
        .values_list("jenis", "ditandatangani_pada")
    ):
        tanda.setdefault(jenis, _tanggal(waktu))
    bagian = []
    for jenis, label in PerjanjianKinerja.Jenis.choices:
        d = tanda.get(jenis)
        bagian.append(
            f"{label} {'ditandatangani ' + fmt.tanggal(d) if d else 'belum ditandatangani'}"
        )
    tepat = len(tanda) == len(PerjanjianKinerja.Jenis) and all(d <= batas for d in tanda.values())
    return ("Y" if tepat else "T"), "; ".join(bagian) + f" (batas {fmt.tanggal(batas)})."


def _baris(satker, tahun: int):
    return BarisPK.objects.filter(perjanjian__in=list(perjanjian_terbaru(satker, tahun).values()))


def _target_triwulan(satker, tahun: int) -> Usulan:
    baris = _baris(satker, tahun).annotate(n=Count("target_triwulan"))
    jumlah = len(baris)
    if not jumlah:
        return "E", f"Belum ada PK Tahun {tahun}."
    ada = sum(1 for b in baris if b.n)
    porsi = Decimal(ada) / jumlah
    return jawaban_dari_porsi(porsi), (
        f"{ada} dari {jumlah} indikator PK memiliki target per triwulan (rencana aksi)."
    )


def _realisasi_triwulan(satker, tahun: int) -> Usulan:
    hitung = _baris(satker, tahun).aggregate(
        **{p: Count("realisasi", filter=Q(realisasi__periode=p)) for p in TRIWULAN}
    )
    terisi = [p for p in TRIWULAN if hitung[p]]
    kosong = [p for p in TRIWULAN if not hitung[p]]
    label = dict((p.value, p.label) for p in TRIWULAN)
    if not kosong:
        return "Y", "Realisasi tercatat pada keempat triwulan."
    teks = ", ".join(label[p] for p in kosong)
    return "T", f"Belum ada realisasi pada {teks}" + (
        f" (terisi: {', '.join(label[p] for p in terisi)})." if terisi else "."
    )


def _lkjip(satker, tahun: int) -> LaporanKinerja | None:
    return (
        LaporanKinerja.objects.filter(
            satker=satker, tahun=tahun, status=LaporanKinerja.Status.FINAL
        )
        .order_by("difinalkan_pada")
        .first()
    )


def _lkjip_ada(satker, tahun: int) -> Usulan:
    lap = _lkjip(satker, tahun)
    if lap is None:
        return "T", f"Belum ada LKjIP Tahun {tahun} versi final."
    return "Y", f"LKjIP Tahun {tahun} versi {lap.versi} final {fmt.tanggal(lap.difinalkan_pada)}."


def _lkjip_tepat_waktu(satker, tahun: int) -> Usulan:
    lap = _lkjip(satker, tahun)
    batas = dt.date(tahun + 1, 2, calendar.monthrange(tahun + 1, 2)[1])
    if lap is None or lap.difinalkan_pada is None:
        return "T", f"Belum ada LKjIP final (batas {fmt.tanggal(batas)})."
    d = _tanggal(lap.difinalkan_pada)
    return ("Y" if d <= batas else "T"), (
        f"LKjIP final {fmt.tanggal(d)} (batas {fmt.tanggal(batas)})."
    )


def _banding_tahun_lalu(satker, tahun: int) -> Usulan:
    kode = set(
        _baris(satker, tahun)
        .filter(indikator_kinerja__isnull=False)
        .values_list("indikator_kinerja__kode", flat=True)
    )
    if not kode:
        return "E", f"Belum ada indikator PK Tahun {tahun} yang tertaut ke katalog."
    lalu = set(
        _baris(satker, tahun - 1)
        .filter(indikator_kinerja__kode__in=kode, realisasi__isnull=False)
        .values_list("indikator_kinerja__kode", flat=True)
    )
    porsi = Decimal(len(lalu)) / len(kode)
    return jawaban_dari_porsi(porsi), (
        f"{len(lalu)} dari {len(kode)} indikator memiliki realisasi Tahun {tahun - 1} sebagai "
        "pembanding."
    )


def _tindak_lanjut(satker, tahun: int) -> Usulan:
    rek = list(
        Rekomendasi.objects.filter(evaluasi__satker=satker, evaluasi__tahun=tahun - 1).values_list(
            "status", flat=True
        )
    )
    if not rek:
        return "", f"Tidak ada rekomendasi evaluasi Tahun {tahun - 1} dalam sistem."
    selesai = sum(1 for s in rek if s == Rekomendasi.Status.SELESAI)
    return jawaban_dari_porsi(Decimal(selesai) / len(rek)), (
        f"{selesai} dari {len(rek)} rekomendasi evaluasi Tahun {tahun - 1} selesai ditindaklanjuti."
    )


CEK = {
    Otomatis.PK_TEPAT_WAKTU: _pk_tepat_waktu,
    Otomatis.TARGET_TRIWULAN: _target_triwulan,
    Otomatis.REALISASI_TRIWULAN: _realisasi_triwulan,
    Otomatis.LKJIP_ADA: _lkjip_ada,
    Otomatis.LKJIP_TEPAT_WAKTU: _lkjip_tepat_waktu,
    Otomatis.BANDING_TAHUN_LALU: _banding_tahun_lalu,
    Otomatis.TINDAK_LANJUT: _tindak_lanjut,
}


def isian_sistem(evaluasi: Evaluasi, jenis: Iterable[str] | None = None) -> dict[str, Usulan]:
    """The suggested answer and its reason for each criterion kind the system can answer (or
    for the kinds asked), from the data of the office and year."""
    s, t = evaluasi.satker, evaluasi.tahun
    return {j: CEK[j](s, t) for j in (CEK if jenis is None else jenis) if j in CEK}
