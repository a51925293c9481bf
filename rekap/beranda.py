"""Beranda: the home page of each role (issue 15, part 2).

- office staff (operator, sekretaris): what is late (in red) and due, the quarterly progress of
  the realisasi and the capaian per indicator of each PK;
- ketua: the same, and what awaits their signature;
- a province's reviewer: the province at a glance (offices late, below target, serapan);
- admin and KPU RI: the nation, per province.

"Late" comes from the rekap's own rows (`rekap.selectors`), which apply the one SAKIP calendar
(`kinerja.jadwal`), so the home page and the rekap always agree. Every chart is drawn on the
server as SVG with its values written on it, and its data is in the XLSX (`?format=xlsx`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from common import grafik, xlsx
from kinerja import capaian as engine
from kinerja.models import PerjanjianKinerja
from kinerja.selectors import (
    kebijakan_untuk,
    pengukuran_pk,
    perjanjian_terbaru,
    status_satker,
    tahun_dari,
)
from rekap import selectors as rekap
from satker.akses import get_satker
from satker.models import Peran, Satker
from satker.selectors import (
    can_review,
    can_sign_pk,
    can_write,
    is_admin,
    satker_utama,
    satker_visible,
)


@dataclass(frozen=True)
class Grafik:
    """A chart and the data it is drawn from (shown under it and written to the XLSX)."""

    judul: str
    svg: SafeString
    kolom: tuple[str, ...]
    baris: list[tuple]


def _grafik_kelengkapan(b: rekap.BarisRekap) -> Grafik:
    judul = f"Realisasi terisi per triwulan {b.satker.nama}"
    data = [
        (engine.Periode(k.periode).label, k.terisi, k.jumlah, engine.persentase(k.terisi, k.jumlah))
        for k in b.kelengkapan
    ]
    batang = [(f"{p} ({t}/{j})", n) for p, t, j, n in data if n is not None]
    return Grafik(
        judul,
        mark_safe(grafik.grafik_mendatar(batang, judul)),  # noqa: S308 (drawn from numbers)
        ("Triwulan", "Indikator terisi", "Jumlah indikator", "Terisi (%)"),
        data,
    )


def _grafik_pk(pk: PerjanjianKinerja, kebijakan) -> Grafik:
    judul = f"Capaian per indikator {pk.get_jenis_display()} {pk.tahun}"
    ukur = pengukuran_pk(pk, kebijakan)
    data = [(u.baris.no, u.baris.indikator, u.baris.target, u.capaian.nilai) for u in ukur]
    return Grafik(
        judul,
        mark_safe(grafik.grafik_capaian([(d[0], d[3]) for d in data], judul)),  # noqa: S308
        ("No", "Indikator", "Target", "Capaian (%)"),
        data,
    )


def _grafik_satker(baris: list[rekap.BarisRekap], judul: str) -> Grafik:
    urut = sorted(baris, key=lambda b: (b.capaian is None, -(b.capaian or 0)))
    data = [(b.satker.kode, b.satker.nama, b.capaian, b.serapan, len(b.terlambat)) for b in urut]
    batang = [(b.satker.nama, b.capaian) for b in urut if b.capaian is not None]
    return Grafik(
        judul,
        mark_safe(grafik.grafik_mendatar(batang, judul)),  # noqa: S308
        ("Kode", "Satker", "Capaian rata-rata (%)", "Serapan anggaran (%)", "Hal terlambat"),
        data,
    )


def _grafik_provinsi(grup: list[rekap.RekapProvinsi], judul: str) -> Grafik:
    data = [
        (
            g.provinsi.nama if g.provinsi else "KPU RI",
            len(g.baris),
            g.jumlah_terlambat,
            g.ringkasan.rata_rata,
            g.anggaran.serapan,
        )
        for g in grup
    ]
    batang = [(d[0], d[3]) for d in data if d[3] is not None]
    return Grafik(
        judul,
        mark_safe(grafik.grafik_mendatar(batang, judul)),  # noqa: S308
        ("Provinsi", "Satker", "Satker terlambat", "Capaian rata-rata (%)", "Serapan (%)"),
        data,
    )


def _lingkup(request: HttpRequest) -> tuple[str, Satker | None]:
    """Whose home page: an office (asked for with ?satker=, or the user's own), a province of
    a reviewer, or the nation for KPU RI and the admin."""
    if kode := request.GET.get("satker"):
        return "satker", get_satker(request, kode)
    user = request.user
    ri = Satker.objects.filter(tingkat=Satker.Tingkat.RI).first()
    if is_admin(user) or (ri is not None and can_review(user, ri)):
        return "nasional", None
    peran = Peran.objects.filter(user=user, jenis=Peran.Jenis.REVIEWER)
    provinsi = peran.filter(satker__tingkat=Satker.Tingkat.PROVINSI).select_related("satker")
    if (p := provinsi.first()) is not None:
        return "provinsi", p.satker
    return "satker", satker_utama(user) or satker_visible(user).first()


def _kantor(request: HttpRequest, satker: Satker, tahun: int) -> dict:
    hari_ini = timezone.localdate()
    (baris,) = rekap.rekap_satker(user=request.user, tahun=tahun, satker=satker) or [None]
    kebijakan = kebijakan_untuk(satker, tahun)
    pk = perjanjian_terbaru(satker, tahun)
    grafik_ = [_grafik_kelengkapan(baris)] if baris else []
    grafik_ += [_grafik_pk(p, kebijakan) for p in pk.values()]
    status = status_satker(satker, tahun, hari_ini)
    menunggu = [
        p
        for p in pk.values()
        if p.status == PerjanjianKinerja.Status.DIAJUKAN and can_sign_pk(request.user, satker)
    ]
    return {
        **status,
        "baris": baris,
        "terlambat": baris.terlambat if baris else [],
        "grafik": grafik_,
        "menunggu_ttd": menunggu,
        "boleh_ubah": can_write(request.user, satker),
        "ketua": can_sign_pk(request.user, satker),
    }


def _wilayah(request: HttpRequest, provinsi: Satker | None, tahun: int) -> dict:
    baris = rekap.rekap_satker(user=request.user, tahun=tahun, provinsi=provinsi)
    total = rekap.total(baris)
    if provinsi is None:
        grafik_ = [_grafik_provinsi(rekap.per_provinsi(baris), f"Capaian per provinsi {tahun}")]
    else:
        grafik_ = [_grafik_satker(baris, f"Capaian per satker {provinsi.nama} {tahun}")]
    return {
        "total": total,
        "terlambat": [b for b in baris if b.terlambat],
        "di_bawah": [b for b in baris if b.di_bawah_target],
        "grafik": grafik_,
    }


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    lingkup, satker = _lingkup(request)
    tahun = tahun_dari(request)
    ctx = {"lingkup": lingkup, "satker": satker, "tahun": tahun}
    if lingkup == "satker" and satker is not None:
        ctx |= _kantor(request, satker, tahun)
    elif lingkup != "satker":
        ctx |= _wilayah(request, satker, tahun)
    if request.GET.get("format") == "xlsx":
        return _xlsx(ctx)
    return render(request, "rekap/beranda.html", ctx)


def _sel(v):
    if isinstance(v, Decimal):
        return float(v)
    return xlsx.teks_aman(v) if isinstance(v, str) else v


def _xlsx(ctx: dict) -> HttpResponse:
    """The data of every chart of the page, one sheet each, numbers as numbers."""
    wb = Workbook()
    wb.remove(wb.active)
    for i, g in enumerate(ctx.get("grafik", []), 1):
        ws = wb.create_sheet(f"Grafik {i}")
        ws.append([xlsx.teks_aman(g.judul)])
        ws["A1"].font = Font(bold=True)
        ws.append(list(g.kolom))
        for baris in g.baris:
            ws.append([_sel(v) for v in baris])
        for kolom in "ABCDE":
            ws.column_dimensions[kolom].width = 22
    if not wb.sheetnames:
        wb.create_sheet("Grafik").append(["Belum ada data untuk grafik."])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    nama = ctx["satker"].nama if ctx.get("satker") else "nasional"
    resp = HttpResponse(
        keluaran.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = (
        f'attachment; filename="beranda-{slugify(nama)}-{ctx["tahun"]}.xlsx"'
    )
    return resp
