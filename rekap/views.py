"""Rekap pages for reviewers: national, per province, per indicator, and a read-only satker.

Reviewers of a province (and of KPU RI, and admins) see the province's rekap; only reviewers of
KPU RI and admins see the national one. Everyone else gets 404, operators included: comparing
offices is the reviewer's job, and an operator may not read another office's figures.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from common.grafik import grafik_mendatar
from common.tabel import Tabel, sel_baris, xlsx_tabel
from kinerja import capaian as engine
from kinerja.capaian import TRIWULAN, Periode
from kinerja.models import PerjanjianKinerja
from kinerja.selectors import (
    Pengukuran,
    kebijakan_untuk,
    pengukuran_pk,
    ringkasan_anggaran,
    tahun_dari,
)
from rekap import selectors as rekap
from satker import daftar as saringan_satker
from satker.models import Aset, Pegawai, Satker
from satker.selectors import can_read, can_review, satker_visible


def _get_ri_for_reviewer(request: HttpRequest) -> Satker:
    ri = Satker.objects.filter(tingkat=Satker.Tingkat.RI).first()
    if ri is None or not can_review(request.user, ri):
        raise Http404
    return ri


def _provinsi_reviewer(request: HttpRequest) -> Satker:
    """The first province whose rekap the user may see (404 when none)."""
    for provinsi in satker_visible(request.user).filter(tingkat=Satker.Tingkat.PROVINSI):
        if can_review(request.user, provinsi):
            return provinsi
    raise Http404


def _query(request: HttpRequest) -> str:
    return "?" + request.GET.urlencode() if request.GET else ""


def _get_provinsi_for_reviewer(request: HttpRequest, kode: str) -> Satker:
    provinsi = get_object_or_404(
        Satker.objects.select_related("induk"), kode=kode, tingkat=Satker.Tingkat.PROVINSI
    )
    if not can_review(request.user, provinsi):
        raise Http404
    return provinsi


def _get_satker_for_reader(request: HttpRequest, kode: str) -> Satker:
    satker = get_object_or_404(Satker.objects.select_related("induk"), kode=kode)
    if not can_read(request.user, satker):
        raise Http404
    return satker


def _kolom_urut(request: HttpRequest, urut: str) -> list[dict]:
    """Sortable headers: clicking the current column flips its direction."""
    hasil = []
    for kunci, (label, _) in rekap.URUTAN.items():
        aktif = urut.removeprefix("-") == kunci
        baru = kunci if aktif and urut.startswith("-") else f"-{kunci}"
        query = {**request.GET.dict(), "urut": baru}
        query.pop("format", None)
        hasil.append(
            {"kunci": kunci, "label": label, "aktif": aktif, "url": "?" + urlencode(query)}
        )
    return hasil


def _konteks_tabel(request: HttpRequest, baris: list[rekap.BarisRekap]) -> dict:
    urut = request.GET.get("urut", rekap.URUTAN_BAKU)
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()[:100]
    baris = rekap.urutkan(rekap.cari(rekap.saring(baris, status), q), urut)
    query_xlsx = urlencode({**request.GET.dict(), "format": "xlsx"})
    return {
        "baris": baris,
        "halaman": saringan_satker.halaman(baris, request.GET),
        "q": q,
        "urut": urut,
        "kolom": {k["kunci"]: k for k in _kolom_urut(request, urut)},
        "status": status,
        "pilihan_status": [(k, v[0]) for k, v in rekap.STATUS_FILTER.items()],
        "triwulan": [Periode(p).label for p in TRIWULAN],
        "url_xlsx": "?" + query_xlsx,
    }


@login_required
def rekap_nasional(request: HttpRequest) -> HttpResponse:
    """KPU RI's rekap; a province's reviewer is sent to its own, anyone else gets 404."""
    try:
        _get_ri_for_reviewer(request)
    except Http404:
        provinsi = _provinsi_reviewer(request)
        return redirect(reverse("rekap:provinsi", args=[provinsi.kode]) + _query(request))
    tahun = tahun_dari(request)
    baris = rekap.rekap_satker(user=request.user, tahun=tahun)
    provinsi = request.GET.get("provinsi", "")
    if provinsi:
        baris = [b for b in baris if b.provinsi and b.provinsi.kode == provinsi]
    konteks = _konteks_tabel(request, baris)
    if request.GET.get("format") == "xlsx":
        return _xlsx(f"rekap-nasional-{tahun}", tabel_rekap(konteks["baris"]))
    terpilih = rekap.cari(rekap.saring(baris, konteks["status"]), konteks["q"])
    grup = rekap.per_provinsi(terpilih)
    daftar_provinsi = sorted({b.provinsi for b in baris if b.provinsi}, key=lambda s: s.kode)
    return render(
        request,
        "rekap/nasional.html",
        {
            **konteks,
            "tahun": tahun,
            "grup": grup,
            "total": rekap.total(terpilih),
            "provinsi": provinsi,
            "daftar_provinsi": daftar_provinsi,
            # 553 rows are a download, not a page: the list comes with a province or a status
            "semua_satker": bool(
                provinsi or konteks["status"] in rekap.STATUS_FILTER or konteks["q"]
            ),
        },
    )


@login_required
def rekap_provinsi(request: HttpRequest, kode: str) -> HttpResponse:
    provinsi = _get_provinsi_for_reviewer(request, kode)
    tahun = tahun_dari(request)
    baris = rekap.rekap_satker(user=request.user, tahun=tahun, provinsi=provinsi)
    konteks = _konteks_tabel(request, baris)
    if request.GET.get("format") == "xlsx":
        return _xlsx(f"rekap-{provinsi.kode}-{tahun}", tabel_rekap(konteks["baris"]))
    return render(
        request,
        "rekap/provinsi.html",
        {**konteks, "tahun": tahun, "provinsi": provinsi, "ringkasan": rekap.per_provinsi(baris)},
    )


@login_required
def rekap_indikator(request: HttpRequest, kode: str | None = None) -> HttpResponse:
    """One indicator, by its catalogue code, across the satker of a province, or of the whole
    country for KPU RI (no `kode`)."""
    if kode is None:
        try:
            _get_ri_for_reviewer(request)
        except Http404:
            provinsi = _provinsi_reviewer(request)
            tujuan = reverse("rekap:indikator", args=[provinsi.kode])
            return redirect(tujuan + _query(request))
        provinsi = None
    else:
        provinsi = _get_provinsi_for_reviewer(request, kode)
    tahun = tahun_dari(request)
    pilihan = rekap.pilihan_indikator(user=request.user, tahun=tahun, provinsi=provinsi)
    kunci = request.GET.get("indikator") or (pilihan[0].kunci if pilihan else "")
    baris = rekap.rekap_indikator(user=request.user, tahun=tahun, kunci=kunci, provinsi=provinsi)
    nama = next((p.nama for p in pilihan if p.kunci == kunci), "")
    if request.GET.get("format") == "xlsx":
        wilayah = provinsi.kode if provinsi else "nasional"
        return _xlsx(f"indikator-{wilayah}-{tahun}", tabel_indikator(baris, nama))
    return render(
        request,
        "rekap/indikator.html",
        {
            "provinsi": provinsi,
            "tahun": tahun,
            "pilihan": pilihan,
            "kunci": kunci,
            "nama": nama,
            "baris": [(b, _teks_realisasi(b.pengukuran)) for b in baris],
            "ringkasan": engine.ringkas_capaian(
                b.pengukuran.capaian for b in baris if b.pengukuran
            ),
            # the builder escapes every text it draws
            "grafik": mark_safe(
                grafik_mendatar(
                    [
                        (b.satker.nama, b.pengukuran.capaian.nilai)
                        for b in baris
                        if b.pengukuran and b.pengukuran.capaian.ada
                    ],
                    "Capaian per satker",
                )
            ),
            "url_xlsx": "?" + urlencode({"tahun": tahun, "indikator": kunci, "format": "xlsx"}),
        },
    )


@login_required
def rekap_profil(request: HttpRequest, kode: str | None = None) -> HttpResponse:
    """Staff by status and voters of the year: per satker of a province, or per province for
    KPU RI (no `kode`)."""
    if kode is None:
        try:
            _get_ri_for_reviewer(request)
        except Http404:
            provinsi = _provinsi_reviewer(request)
            return redirect(reverse("rekap:profil", args=[provinsi.kode]) + _query(request))
        provinsi = None
    else:
        provinsi = _get_provinsi_for_reviewer(request, kode)
    tahun = tahun_dari(request)
    baris, jumlah = rekap.rekap_profil(user=request.user, tahun=tahun, provinsi=provinsi)
    ctx = {
        "provinsi": provinsi,
        "tahun": tahun,
        "baris": baris,
        "jumlah": jumlah,
        "status": Pegawai.Status.choices,
        "jenis_aset": Aset.Jenis.choices,
    }
    return render(request, "rekap/profil.html", ctx)


@login_required
def rekap_satker(request: HttpRequest, kode: str) -> HttpResponse:
    satker = _get_satker_for_reader(request, kode)
    tahun = tahun_dari(request)
    (baris_rekap,) = rekap.rekap_satker(user=request.user, tahun=tahun, satker=satker)
    pengukuran = _pengukuran(satker, tahun, baris_rekap)
    if request.GET.get("format") == "xlsx":
        return _xlsx(f"rekap-{satker.kode}-{tahun}", tabel_pengukuran(baris_rekap, pengukuran))
    return render(
        request,
        "rekap/satker.html",
        {
            "satker": satker,
            "tahun": tahun,
            "r": baris_rekap,
            "anggaran": ringkasan_anggaran(satker, tahun),
            "daftar_pk": [
                (pk, [(u, _teks_triwulan(u)) for u in pengukuran[pk.jenis]])
                for pk in baris_rekap.pk.values()
            ],
            "triwulan": [Periode(p).label for p in TRIWULAN],
            "kode_triwulan": list(TRIWULAN),
            "url_xlsx": "?" + urlencode({"tahun": tahun, "format": "xlsx"}),
        },
    )


def _pengukuran(satker: Satker, tahun: int, r: rekap.BarisRekap) -> dict[str, list[Pengukuran]]:
    """The measured rows of each PK of a rekap row, for the satker page."""
    kebijakan = kebijakan_untuk(satker, tahun)
    perjanjian = PerjanjianKinerja.objects.in_bulk([pk.perjanjian_id for pk in r.pk.values()])
    return {
        pk.jenis: pengukuran_pk(perjanjian[pk.perjanjian_id], kebijakan) if pk.perjanjian_id else []
        for pk in r.pk.values()
    }


# ---------------------------------------------------------------- XLSX: one table shape


def _tabel(judul: str, kolom: list[tuple[str, str]], isi: list[list]) -> Tabel:
    jenis = [j for _, j in kolom]
    return Tabel("", judul, [k for k, _ in kolom], [sel_baris(r, jenis) for r in isi])


def tabel_rekap(baris: list[rekap.BarisRekap]) -> Tabel:
    kolom = [("Kode", "teks"), ("Satker", "teks"), ("Provinsi", "teks")]
    for j in rekap.JENIS_PK:
        label = PerjanjianKinerja.Jenis(j).label
        kolom += [(f"Status {label}", "teks"), (f"Capaian {label}", "persen")]
        kolom += [(f"Kategori {label}", "teks")]
    kolom += [(f"Realisasi {Periode(p).label}", "teks") for p in TRIWULAN]
    kolom += [
        ("Capaian rata-rata", "persen"),
        ("Indikator di bawah target", "angka"),
        ("Pagu", "rupiah"),
        ("Realisasi anggaran", "rupiah"),
        ("Serapan", "persen"),
        ("Rencana serapan", "persen"),
        ("Serapan di bawah rencana", "teks"),
        ("Capaian RO", "persen"),
        ("Status LKjIP", "teks"),
        ("Temuan terbuka", "angka"),
        ("Keterlambatan", "teks"),
    ]
    isi = []
    for b in baris:
        r = [b.satker.kode, b.satker.nama, b.provinsi.nama if b.provinsi else ""]
        for j in rekap.JENIS_PK:
            pk = b.pk[j]
            r += [pk.status_label, pk.ringkasan.rata_rata, pk.kategori]
        r += [f"{k.terisi}/{k.jumlah}" for k in b.kelengkapan]
        r += [
            b.capaian,
            b.di_bawah_target,
            b.anggaran.pagu,
            b.anggaran.realisasi,
            b.serapan,
            b.angka.rencana_serapan,
            "ya" if b.serapan_rendah else "",
            b.capaian_ro,
            b.status_laporan_label,
            b.temuan,
            "; ".join(b.terlambat),
        ]
        isi.append(r)
    return _tabel("", kolom, isi)


def tabel_indikator(baris: list[rekap.BarisIndikator], judul: str) -> Tabel:
    kolom = [
        ("Peringkat", "angka"),
        ("Kode", "teks"),
        ("Satker", "teks"),
        ("Target", "teks"),
        ("Realisasi", "teks"),
        ("Capaian", "persen"),
        ("Kategori", "teks"),
        ("Keterangan", "teks"),
    ]
    isi = []
    for b in baris:
        u = b.pengukuran
        isi.append(
            [
                b.peringkat,
                b.satker.kode,
                b.satker.nama,
                u.baris.target if u else "",
                _teks_realisasi(u),
                u.capaian.nilai if u else None,
                u.kategori if u else "",
                (u.capaian.keterangan if u else "indikator tidak ada di PK"),
            ]
        )
    return _tabel(judul, kolom, isi)


def tabel_pengukuran(r: rekap.BarisRekap, pengukuran: dict[str, list[Pengukuran]]) -> Tabel:
    kolom = [("PK", "teks"), ("No", "teks"), ("Sasaran", "teks"), ("Indikator", "teks")]
    kolom += [("Target", "teks"), *((Periode(p).label, "teks") for p in TRIWULAN)]
    kolom += [("Capaian", "persen"), ("Kategori", "teks"), ("Keterangan", "teks")]
    isi = []
    for pk in r.pk.values():
        for u in pengukuran[pk.jenis]:
            isi.append(
                [
                    PerjanjianKinerja.Jenis(pk.jenis).label,
                    u.baris.no,
                    u.baris.sasaran,
                    u.baris.indikator,
                    u.baris.target,
                ]
                + _teks_triwulan(u)
                + [u.capaian.nilai, u.kategori, u.capaian.keterangan]
            )
    return _tabel("", kolom, isi)


def _teks_triwulan(u: Pengukuran) -> list[str]:
    rek = u.rekaman
    return [rek[p].teks if p in rek else "" for p in TRIWULAN]


def _teks_realisasi(u: Pengukuran | None) -> str:
    if u is None:
        return ""
    rek = u.rekaman
    for p in (Periode.TAHUNAN, *reversed(TRIWULAN)):
        if p in rek and rek[p].teks.strip():
            return rek[p].teks
    return ""


def _xlsx(nama: str, tabel: Tabel) -> HttpResponse:
    resp = HttpResponse(
        xlsx_tabel(tabel),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f'attachment; filename="{slugify(nama)}.xlsx"'
    return resp
