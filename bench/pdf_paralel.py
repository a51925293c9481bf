"""Experiment (issue 19): would laying out a report's PDF in parts, in parallel, be faster?

    SQLITE_PATH=<demo database> .venv/bin/python bench/pdf_paralel.py [--satker 1672] [--tahun 2024]

Builds the report's HTML as the PDF task does, then lays it out whole, and cut in two at the
chapter or target section nearest to half its size, each part in its own process (as two
cores of a worker would). Prints wall time, CPU and pages of each, best of `--ulang`.

The parts are not the same document: the second part's pages count from 1 and the table of
contents of the first cannot point into the second. Joining them without changing the result
would need the page count of the first part before laying out the second, i.e. the first part
laid out before the second starts, which is the serial time again. What this measures is
therefore the best case.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from laporan.render import pdf_dari_html, render_html  # noqa: E402
from laporan.selectors import build_laporan  # noqa: E402
from satker.models import Satker  # noqa: E402

# Where a part may start: a chapter, a target's section of chapter III, the appendix.
POTONG = re.compile(r'<h1 id="bab-\d">|<section class="(?:sasaran|lampiran)">')


def bagi_dua(html: str) -> tuple[str, str]:
    """The document cut at the marker nearest to half of its body, each half a document."""
    awal_body = html.index(">", html.index("<body")) + 1
    tengah = (awal_body + len(html)) // 2
    titik = min((m.start() for m in POTONG.finditer(html)), key=lambda i: abs(i - tengah))
    kepala = html[:awal_body]
    # the first half's open elements are closed by the parser; the second reopens the body's
    # main section so that its styles apply
    return html[:titik] + "</section></body></html>", kepala + '<section class="isi">' + html[
        titik:
    ]


def lay_out(html: str) -> tuple[float, int]:
    """CPU seconds and pages of laying out and writing one document."""
    mulai = time.process_time()
    hasil = pdf_dari_html(html)
    return time.process_time() - mulai, hasil.halaman


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--satker", default="1672")
    parser.add_argument("--tahun", type=int, default=2024)
    parser.add_argument("--ulang", type=int, default=3)
    args = parser.parse_args()

    # each part points to anchors in the other: WeasyPrint logs every one
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    satker = Satker.objects.get(kode=args.satker)
    html = render_html(build_laporan(satker, args.tahun), untuk_pdf=True)
    bagian = bagi_dua(html)
    print(f"LKjIP {satker.nama} {args.tahun}: HTML {len(html) / 1000:.0f} KB")
    print(f"  bagian: {', '.join(f'{len(b) / 1000:.0f} KB' for b in bagian)}")

    utuh = []
    for _ in range(args.ulang):
        mulai = time.perf_counter()
        cpu, halaman = lay_out(html)
        utuh.append((time.perf_counter() - mulai, cpu, halaman))
    waktu, cpu, halaman = min(utuh)
    print(f"  utuh, satu proses: {waktu:.2f} s, CPU {cpu:.2f} s, {halaman} halaman")

    paralel = []
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(lay_out, ["<p>pemanasan</p>"] * 2)  # fonts loaded in each process
        for _ in range(args.ulang):
            mulai = time.perf_counter()
            hasil = pool.map(lay_out, bagian)
            paralel.append((time.perf_counter() - mulai, hasil))
    waktu_p, hasil = min(paralel)
    cpu_p, halaman_p = sum(c for c, _ in hasil), [h for _, h in hasil]
    print(
        f"  dua bagian, dua proses: {waktu_p:.2f} s, CPU {cpu_p:.2f} s, "
        f"{' + '.join(map(str, halaman_p))} = {sum(halaman_p)} halaman"
    )
    print(f"  waktu tunggu {waktu_p / waktu:.2f}x, CPU {cpu_p / cpu:.2f}x dari utuh")


if __name__ == "__main__":
    main()
