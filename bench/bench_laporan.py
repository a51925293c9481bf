"""Benchmark: render the LKjIP PDF of every demo office and of a large synthetic office.

    DEBUG=1 .venv/bin/python bench/bench_laporan.py

Uses a throwaway SQLite database in /tmp (or DATABASE_URL when set: it must be a database you
may fill). Loads the demo data (`manage.py demo`), then builds a synthetic office with 40 PK
indicators (two PKs, quarterly realisasi, a previous year) and 60 budget lines. For each report
prints the seconds to build the data, to render the PDF, the pages and the database queries.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["SQLITE_PATH"] = tempfile.mktemp(prefix="bench-laporan-", suffix=".sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kinerja import models as km  # noqa: E402
from laporan.render import render_pdf, render_xlsx  # noqa: E402
from laporan.selectors import build_laporan  # noqa: E402
from satker.models import Pejabat, Satker  # noqa: E402

TARGET = (("77,5%", "80%"), ("10 kali", "12 kali"), ("B", "BB"), ("WTP", "WTP"), ("95%", "94%"))


def kantor_sintetis() -> Satker:
    """A KPU Kota with 40 PK indicators and 60 budget lines."""
    induk = Satker.objects.get_or_create(
        kode="99",
        defaults={
            "nama": "KPU Provinsi Uji",
            "tingkat": "PROVINSI",
            "induk": Satker.objects.get(kode="RI"),
        },
    )[0]
    satker = Satker.objects.create(
        kode="9901", nama="KPU Kota Sintetis", tingkat="KOTA", induk=induk, kota="Sintetis"
    )
    Pejabat.objects.create(satker=satker, nama="Ketua Sintetis", jabatan="Ketua")
    for tahun in (2023, 2024):
        for jenis, jumlah in (("KPU", 15), ("SEKRETARIAT", 25)):
            pk = km.PerjanjianKinerja.objects.create(
                satker=satker,
                tahun=tahun,
                jenis=jenis,
                pihak_pertama_nama="Ketua Sintetis",
                pihak_pertama_jabatan="Ketua",
                tempat="Sintetis",
                tanggal=dt.date(tahun, 1, 15),
            )
            for i in range(jumlah):
                target, realisasi = TARGET[i % len(TARGET)]
                b = km.BarisPK.objects.create(
                    perjanjian=pk,
                    no=str(i + 1),
                    urutan=i,
                    target=target,
                    sasaran=f"Sasaran strategis {jenis.lower()} nomor {i // 2 + 1}",
                    indikator=f"Indikator kinerja {jenis.lower()} nomor {i + 1} yang diukur",
                    arah="turun" if "kali" in target else "naik",
                )
                for p in ("TW1", "TW2", "TW3", "TW4"):
                    km.Realisasi.objects.create(baris=b, periode=p, teks=realisasi)
            km.AnggaranPK.objects.create(
                perjanjian=pk, program="Program Dukungan Manajemen", jumlah=5_000_000_000
            )
    dipa = km.Dipa.objects.create(satker=satker, tahun=2024)
    program = km.Program.objects.get_or_create(
        kode="076.01.WA", defaults={"nama": "Program Dukungan Manajemen"}
    )[0]
    total = 0
    for i in range(60):
        kegiatan = km.Kegiatan.objects.get_or_create(
            program=program, kode=f"3{i // 10:03d}", defaults={"nama": f"Kegiatan {i // 10}"}
        )[0]
        pagu = 100_000_000 + i * 1_000_000
        total += pagu
        km.BarisAnggaran.objects.create(
            dipa=dipa,
            program=program,
            kegiatan=kegiatan,
            output_kode=f"EBA.{i:03d}",
            akun_kode="521211",
            pagu=pagu,
            realisasi=pagu * 9 // 10,
        )
    for i in range(6):
        km.RevisiDipa.objects.create(
            dipa=dipa,
            label="DIPA Awal" if i == 0 else f"Revisi {i}",
            tanggal=dt.date(2024, 1 + i, 10),
            pagu=total,
            urutan=i,
        )
    return satker


def ukur(satker: Satker) -> tuple[str, float, float, float, int, int]:
    mulai = time.perf_counter()
    with CaptureQueriesContext(connection) as q:
        lap = build_laporan(satker, 2024)
    data = time.perf_counter() - mulai
    mulai = time.perf_counter()
    pdf = render_pdf(lap)
    detik_pdf = time.perf_counter() - mulai
    mulai = time.perf_counter()
    render_xlsx(lap)
    detik_xlsx = time.perf_counter() - mulai
    return satker.nama, data, detik_pdf, detik_xlsx, pdf.halaman, len(q)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    kantor = [Satker.objects.get(kode=k) for k in ("1672", "1602", "1272")]
    kantor.append(kantor_sintetis())
    print(f"{'laporan':40} {'data s':>7} {'PDF s':>7} {'XLSX s':>7} {'halaman':>8} {'query':>6}")
    for s in kantor:
        nama, data, pdf, xlsx, halaman, query = ukur(s)
        print(f"{nama:40} {data:7.2f} {pdf:7.2f} {xlsx:7.2f} {halaman:8d} {query:6d}")


if __name__ == "__main__":
    main()
