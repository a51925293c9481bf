"""Benchmark: import a workbook of every KPU satker for one year.

    DEBUG=1 .venv/bin/python bench/bench_import.py [--satker 553] [--profile]

Uses a throwaway SQLite database in /tmp (or DATABASE_URL when set: it must be a database you
may fill). The workbook holds, per satker, both PKs (25 rows each, quarterly targets), four
quarters of realisasi, 30 budget lines, 5 DIPA revisions and 5 officials. It is imported three
times: preview (read and compare), import (write), and again (idempotent: nothing changes).
Prints rows, seconds, rows per second and peak memory for each.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import multiprocessing
import os
import pstats
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["SQLITE_PATH"] = tempfile.mktemp(prefix="bench-workbook-", suffix=".sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from workbook import skema  # noqa: E402
from workbook.importer import impor_workbook  # noqa: E402

JUMLAH_PROVINSI = 38
TARGET = ("77,5%", "10 kali", "B", "WTP", "79", "2 laporan", "100%")


def daftar_satker(n: int) -> list[list]:
    """RI, then provinces, then kab/kota spread over the provinces: n satker in all."""
    hasil = [["RI", "Komisi Pemilihan Umum", "RI", None, "Jl. Imam Bonjol 29", "Jakarta"]]
    provinsi = [f"{11 + i}" for i in range(min(JUMLAH_PROVINSI, max(n - 1, 0)))]
    for kode in provinsi:
        hasil.append([kode, f"KPU Provinsi {kode}", "PROVINSI", "RI", "Jl. Provinsi", "Ibu Kota"])
    i = 0
    while len(hasil) < n:
        induk = provinsi[i % len(provinsi)]
        kode = f"{induk}{i // len(provinsi) + 1:02d}"
        tingkat = "KOTA" if i % 5 == 0 else "KABUPATEN"
        hasil.append([kode, f"KPU {tingkat.title()} {kode}", tingkat, induk, "Jl. Contoh", "Kota"])
        i += 1
    return hasil


def tulis_workbook(path: str, n: int, tahun: int) -> int:
    satker = daftar_satker(n)
    kode = [s[0] for s in satker]
    baris = {s.nama: [] for s in skema.SHEETS}
    baris["Satker"] = satker
    for k in kode:
        for j in range(5):
            baris["Pejabat"].append(
                [k, f"Pejabat {k}-{j}", f"19800101200501{j:04d}", f"Jabatan {j}", ""]
            )
        for jenis in ("KPU", "SEKRETARIAT"):
            for no in range(1, 26):
                target = TARGET[no % len(TARGET)]
                tw = [target] * 4 if no % 3 == 0 else [None] * 4
                baris["PK"].append(
                    [
                        k,
                        tahun,
                        jenis,
                        str(no),
                        f"Sasaran {no // 5}",
                        f"Indikator {no}",
                        None,
                        "naik",
                        "terakhir",
                        target,
                        *tw,
                    ]
                )
                for p in ("TW1", "TW2", "TW3", "TW4"):
                    baris["Realisasi"].append([k, tahun, jenis, str(no), p, target, "Kendala", ""])
            baris["PKAnggaran"].append([k, tahun, jenis, "076.01.WA", 2_000_000_000])
            baris["PKAnggaran"].append([k, tahun, jenis, "076.01.CQ", 1_500_000_000])
            baris["PKPihak"].append(
                [
                    k,
                    tahun,
                    jenis,
                    "Ketua",
                    "Ketua KPU",
                    "Atasan",
                    "Ketua KPU Atasan",
                    "Kota",
                    dt.date(tahun, 1, 15),
                ]
            )
        for j in range(30):
            program = "076.01.WA" if j < 15 else "076.01.CQ"
            baris["Anggaran"].append(
                [
                    k,
                    tahun,
                    program,
                    f"Program {program}",
                    f"{3350 + j // 5}",
                    f"Kegiatan {j // 5}",
                    f"EBA.{j:03d}",
                    f"Output {j}",
                    "521211",
                    "APBN" if j % 10 else "HIBAH",
                    100_000_000 + j,
                    90_000_000,
                    dt.date(tahun, 12, 31),
                ]
            )
        for j in range(5):
            label = "DIPA Awal" if j == 0 else f"Revisi {j}"
            baris["RevisiDIPA"].append([k, tahun, label, dt.date(tahun, 1 + j, 2), 10**10 + j])
    buku = Workbook(write_only=True)
    for sheet in skema.SHEETS:
        ws = buku.create_sheet(sheet.nama)
        ws.append(list(sheet.nama_kolom))
        for b in baris[sheet.nama]:
            ws.append(b)
    buku.save(path)
    return sum(len(v) for v in baris.values())


def ukur(judul: str, jumlah: int, fungsi, *, profil: bool, memori: bool):
    if memori:
        tracemalloc.start()
    prof = cProfile.Profile() if profil else None
    mulai = time.perf_counter()
    hasil = prof.runcall(fungsi) if prof else fungsi()
    detik = time.perf_counter() - mulai
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    teks = f"puncak RSS proses {rss:6.0f} MB"
    if memori:
        teks += f", puncak alokasi Python {tracemalloc.get_traced_memory()[1] / 1e6:6.1f} MB"
        tracemalloc.stop()
    print(f"{judul:<28} {jumlah:>8} baris {detik:8.1f} s {jumlah / detik:7.0f} baris/s  {teks}")
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return hasil


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--satker", type=int, default=553)
    parser.add_argument("--tahun", type=int, default=2024)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also measure Python allocations (slows the run about threefold)",
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    path = tempfile.mktemp(prefix="bench-workbook-", suffix=".xlsx")
    mulai = time.perf_counter()
    # Written in a child process, so the peak memory measured below is the import's alone.
    with multiprocessing.get_context("fork").Pool(1) as pool:
        jumlah = pool.apply(tulis_workbook, (path, args.satker, args.tahun))
    print(
        f"workbook: {args.satker} satker, {jumlah} baris, {Path(path).stat().st_size / 1e6:.1f} MB,"
        f" dibuat dalam {time.perf_counter() - mulai:.1f} s"
    )
    print(f"basis data: {django.db.connection.vendor} {django.db.connection.settings_dict['NAME']}")

    def jalankan(terapkan: bool):
        def f():
            laporan = impor_workbook(path, user=None, nama_berkas="bench.xlsx", terapkan=terapkan)
            assert not laporan.ada_galat, laporan.teks()
            return laporan

        return f

    opsi = {"profil": args.profile, "memori": args.tracemalloc}
    print(f"RSS awal {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    ukur("pratinjau (baca+banding)", jumlah, jalankan(False), **opsi)
    laporan = ukur("impor (tulis)", jumlah, jalankan(True), **opsi)
    print("  " + "; ".join(f"{s.nama} {s.baru} baru" for s in laporan.sheets.values()))
    laporan = ukur("impor ulang (tidak berubah)", jumlah, jalankan(True), **opsi)
    assert not laporan.ada_perubahan
    os.unlink(path)


if __name__ == "__main__":
    main()
