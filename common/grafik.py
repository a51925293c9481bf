"""Charts of the report as inline SVG, drawn on the server (no JavaScript, same in HTML and PDF)."""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from common import format as fmt


# Bars below target are hatched as well as coloured, so the chart reads the same printed in
# black and white or by someone who does not tell the colours apart.
def _arsir(judul: str) -> tuple[str, str]:
    """The hatch pattern of one chart and the fill that uses it; its id is the chart's own (a
    page or a report holds several charts, and an id is unique in a document)."""
    kode = "arsir-" + hashlib.sha1(judul.encode(), usedforsecurity=False).hexdigest()[:10]
    pola = (
        f'<defs><pattern id="{kode}" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#c9822b"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern></defs>'
    )
    return pola, f"url(#{kode})"


LEBAR = 640
TINGGI = 260
KIRI, KANAN, ATAS, BAWAH = 44, 12, 16, 40


def grafik_capaian(batang: Sequence[tuple[str, Decimal | None]], judul: str) -> str:
    """A bar chart of capaian per indicator (label, capaian %) with a line at 100%."""
    pola, di_bawah = _arsir(judul)
    ada = [n for _, n in batang if n is not None]
    puncak = max([Decimal(120), *ada]) if ada else Decimal(120)
    puncak = min(puncak, Decimal(200))
    skala_y = Decimal(TINGGI - ATAS - BAWAH) / puncak
    dasar = TINGGI - BAWAH
    lebar_plot = LEBAR - KIRI - KANAN
    langkah = Decimal(lebar_plot) / max(len(batang), 1)
    lebar_batang = max(Decimal(4), langkah * Decimal("0.6"))

    def y(nilai: Decimal) -> str:
        return f"{dasar - min(nilai, puncak) * skala_y:.1f}"

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'class="grafik" role="img" aria-label="{escape(judul)}">{pola}',
        f'<rect x="{KIRI}" y="{ATAS}" width="{lebar_plot}" height="{dasar - ATAS}" '
        'fill="#fff" stroke="#999" stroke-width="0.5"/>',
    ]
    for garis in range(0, int(puncak) + 1, 20):
        gy = y(Decimal(garis))
        bagian.append(
            f'<line x1="{KIRI}" y1="{gy}" x2="{LEBAR - KANAN}" y2="{gy}" stroke="#ddd" '
            'stroke-width="0.5"/>'
            f'<text x="{KIRI - 4}" y="{gy}" font-size="9" text-anchor="end" '
            f'dominant-baseline="middle">{garis}%</text>'
        )
    for i, (label, nilai) in enumerate(batang):
        tengah = KIRI + langkah * i + langkah / 2
        x = f"{tengah - lebar_batang / 2:.1f}"
        if nilai is None:
            bagian.append(
                f'<text x="{tengah:.1f}" y="{dasar - 6}" font-size="8" text-anchor="middle" '
                'fill="#a00">n/a</text>'
            )
        else:
            warna = "#1f5f99" if nilai >= 100 else di_bawah
            tinggi = f"{min(nilai, puncak) * skala_y:.1f}"
            bagian.append(
                f'<rect x="{x}" y="{y(nilai)}" width="{lebar_batang:.1f}" height="{tinggi}" '
                f'fill="{warna}"/>'
            )
            if len(batang) <= 24:
                bagian.append(
                    f'<text x="{tengah:.1f}" y="{float(y(nilai)) - 3:.1f}" font-size="7" '
                    f'text-anchor="middle">{escape(fmt.angka(nilai, 1))}</text>'
                )
        bagian.append(
            f'<text x="{tengah:.1f}" y="{dasar + 12}" font-size="8" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    garis_100 = y(Decimal(100))
    bagian.append(
        f'<line x1="{KIRI}" y1="{garis_100}" x2="{LEBAR - KANAN}" y2="{garis_100}" '
        'stroke="#b00" stroke-width="1.2" stroke-dasharray="5,3"/>'
        f'<text x="{LEBAR - KANAN - 2}" y="{float(garis_100) - 3:.1f}" font-size="8" '
        'text-anchor="end" fill="#b00">target 100%</text>'
        f'<text x="{KIRI + lebar_plot / 2}" y="{TINGGI - 8}" font-size="9" '
        'text-anchor="middle">Nomor indikator (lihat tabel pengukuran)</text>'
        "</svg>"
    )
    return "".join(bagian)


BARIS_MENDATAR, LABEL_MENDATAR, PLOT_MENDATAR = 22, 300, 420


def grafik_mendatar(batang: Sequence[tuple[str, Decimal]], judul: str) -> str:
    """Horizontal bars of capaian per satker (label, capaian %), scaled to the largest, with a
    dashed line at 100%: the rekap's ranking, where labels are long names."""
    if not batang:
        return ""
    pola, di_bawah = _arsir(judul)
    terbesar = max([Decimal(100), *(n for _, n in batang)])
    tinggi = len(batang) * BARIS_MENDATAR
    lebar = LABEL_MENDATAR + PLOT_MENDATAR + 80

    def x(nilai: Decimal) -> int:
        return LABEL_MENDATAR + int(nilai / terbesar * PLOT_MENDATAR)

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi + 10}" '
        f'width="100%" class="grafik grafik-mendatar" role="img" aria-label="{escape(judul)}">'
        + pola
    ]
    for i, (label, nilai) in enumerate(batang):
        y = i * BARIS_MENDATAR
        pendek = label if len(label) <= 40 else label[:39] + "…"
        warna = "#166534" if nilai >= 100 else di_bawah
        bagian.append(
            f'<text x="{LABEL_MENDATAR - 10}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(pendek)}</text>"
            f'<rect x="{LABEL_MENDATAR}" y="{y + 4}" width="{x(nilai) - LABEL_MENDATAR}" '
            f'height="14" fill="{warna}"/>'
            f'<text x="{x(nilai) + 4}" y="{y + 15}" font-size="11">'
            f"{escape(fmt.persen(nilai))}</text>"
        )
    bagian.append(
        f'<line x1="{x(Decimal(100))}" x2="{x(Decimal(100))}" y1="0" y2="{tinggi}" '
        'stroke="#9b1c1c" stroke-dasharray="4 3"/></svg>'
    )
    return "".join(bagian)


def grafik_jumlah(batang: Sequence[tuple[str, int]], judul: str, satuan: str = "orang") -> str:
    """Vertical bars of counts per group (staff by education), each labelled with its count."""
    if not batang:
        return ""
    tinggi_plot = TINGGI - ATAS - BAWAH
    puncak = max(n for _, n in batang) or 1
    lebar_plot = LEBAR - KIRI - KANAN
    langkah = lebar_plot / len(batang)
    lebar_batang = min(80.0, langkah * 0.6)
    dasar = TINGGI - BAWAH
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'class="grafik" role="img" aria-label="{escape(judul)}">',
        f'<line x1="{KIRI}" y1="{dasar}" x2="{LEBAR - KANAN}" y2="{dasar}" stroke="#999"/>',
    ]
    for i, (label, n) in enumerate(batang):
        tengah = KIRI + langkah * i + langkah / 2
        tinggi = n / puncak * (tinggi_plot - 14)
        bagian.append(
            f'<rect x="{tengah - lebar_batang / 2:.1f}" y="{dasar - tinggi:.1f}" '
            f'width="{lebar_batang:.1f}" height="{tinggi:.1f}" fill="#1f5f99"/>'
            f'<text x="{tengah:.1f}" y="{dasar - tinggi - 4:.1f}" font-size="10" '
            f'text-anchor="middle">{escape(fmt.angka(n))} {escape(satuan)}</text>'
            f'<text x="{tengah:.1f}" y="{dasar + 14}" font-size="10" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    bagian.append("</svg>")
    return "".join(bagian)


KOTAK_KEPALA, KOTAK_ANAK = (240, 46), 64


def _teks_kotak(x: float, y: float, baris: list[str], tebal_pertama: bool = False) -> str:
    hasil = []
    for i, b in enumerate(baris):
        berat = ' font-weight="bold"' if tebal_pertama and i == 0 else ""
        hasil.append(
            f'<text x="{x:.1f}" y="{y + 13 * i:.1f}" font-size="9.5" text-anchor="middle"{berat}>'
            f"{escape(b)}</text>"
        )
    return "".join(hasil)


def bagan_organisasi(
    kelompok: Sequence[tuple[tuple[str, str], Sequence[tuple[str, str, str]]]], judul: str
) -> str:
    """An organisation chart: per group a head (jabatan, nama) above its members (jabatan,
    nama, divisi or unit), drawn from the officials' data (no picture to keep up to date)."""
    bagian, y = [], 10
    for (jabatan, nama), anggota in kelompok:
        kw, kh = KOTAK_KEPALA
        tengah = LEBAR / 2
        bagian.append(
            f'<rect x="{tengah - kw / 2:.1f}" y="{y}" width="{kw}" height="{kh}" fill="#f3f4f6" '
            'stroke="#7a1f1f"/>'
            + _teks_kotak(tengah, y + 18, [jabatan, *textwrap.wrap(nama, 38)[:1]], True)
        )
        if anggota:
            n = len(anggota)
            lebar = min(150.0, (LEBAR - 20) / n - 8)
            bar = y + kh + 14
            xs = [10 + (LEBAR - 20) / n * (i + 0.5) for i in range(n)]
            bagian.append(
                f'<line x1="{tengah}" y1="{y + kh}" x2="{tengah}" y2="{bar}" stroke="#555"/>'
                f'<line x1="{xs[0]:.1f}" y1="{bar}" x2="{xs[-1]:.1f}" y2="{bar}" stroke="#555"/>'
            )
            lebar_huruf = max(12, int(lebar / 5.6))
            tinggi_semua = []
            for x, (jab, nm, divisi) in zip(xs, anggota, strict=True):
                isi = [
                    jab,
                    *textwrap.wrap(nm, lebar_huruf)[:2],
                    *textwrap.wrap(divisi, lebar_huruf),
                ]
                tinggi = max(KOTAK_ANAK, 13 * len(isi[:7]) + 10)
                tinggi_semua.append(tinggi)
                bagian.append(
                    f'<line x1="{x:.1f}" y1="{bar}" x2="{x:.1f}" y2="{bar + 12}" stroke="#555"/>'
                    f'<rect x="{x - lebar / 2:.1f}" y="{bar + 12}" width="{lebar:.1f}" '
                    f'height="{tinggi}" fill="#fff" stroke="#1f5f99"/>'
                    + _teks_kotak(x, bar + 27, isi[:7], True)
                )
            y = bar + 12 + max(tinggi_semua) + 24
        else:
            y += kh + 24
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {y}" class="grafik" '
        f'role="img" aria-label="{escape(judul)}">' + "".join(bagian) + "</svg>"
    )
