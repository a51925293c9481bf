"""Charts of the report as inline SVG, drawn on the server (no JavaScript, same in HTML and PDF)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from common import format as fmt

LEBAR = 640
TINGGI = 260
KIRI, KANAN, ATAS, BAWAH = 44, 12, 16, 40


def grafik_capaian(batang: Sequence[tuple[str, Decimal | None]], judul: str) -> str:
    """A bar chart of capaian per indicator (label, capaian %) with a line at 100%."""
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
        f'class="grafik" role="img" aria-label="{escape(judul)}">',
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
            warna = "#1f5f99" if nilai >= 100 else "#c9822b"
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
