"""Benchmark: the rekap and the main API lists over all 553 KPU satker.

    DEBUG=1 .venv/bin/python bench/bench_rekap.py [--satker 553] [--ulang 5]

Uses a throwaway SQLite database in /tmp (or DATABASE_URL when set: it must be a database you
may fill). Generates KPU RI, 38 provinces and the kab/kota (553 satker in all by default), each
with both PKs of ~25 rows, four quarters of realisasi (a few missing), a DIPA with two revisions
and 30 budget lines, and a draft LKjIP. Then prints, per page or endpoint, the median server time
over several requests (Django test client, logged in as an admin) and the number of queries; the
first request with an empty cache, and the first after one realisasi changed, are timed apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["SQLITE_PATH"] = tempfile.mktemp(prefix="bench-rekap-", suffix=".sqlite3")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from common.kunci import kunci_dilepas  # noqa: E402
from kinerja import models as km  # noqa: E402
from kinerja.models import isi_nilai  # noqa: E402
from laporan.models import LaporanKinerja  # noqa: E402
from satker.models import Satker  # noqa: E402

TAHUN = 2024
PROVINSI = 38
BARIS_PER_PK = (12, 13)  # PK KPU, PK Sekretariat: ~25 indicators a satker
BARIS_ANGGARAN = 30


def buat_satker(jumlah: int) -> list[Satker]:
    ri = Satker.objects.create(kode="RI", nama="Komisi Pemilihan Umum", tingkat="RI")
    provinsi = Satker.objects.bulk_create(
        Satker(kode=str(11 + i), nama=f"KPU Provinsi {i + 1}", tingkat="PROVINSI", induk=ri)
        for i in range(PROVINSI)
    )
    sisa = max(jumlah - 1 - PROVINSI, 0)
    kabkota = Satker.objects.bulk_create(
        Satker(
            kode=f"{provinsi[i % PROVINSI].kode}{i // PROVINSI + 1:02d}",
            nama=f"KPU Kabupaten {i + 1}",
            tingkat="KABUPATEN",
            induk=provinsi[i % PROVINSI],
        )
        for i in range(sisa)
    )
    return [ri, *provinsi, *kabkota]


def isi_kinerja(satker: list[Satker]) -> None:
    # Synthetic data written in bulk, signed PKs first: a trusted whole-database load, like the
    # demo (common/kunci.py).
    with kunci_dilepas("data benchmark"):
        _isi_kinerja(satker)


def _isi_kinerja(satker: list[Satker]) -> None:
    pk = km.PerjanjianKinerja.objects.bulk_create(
        km.PerjanjianKinerja(
            satker=s,
            tahun=TAHUN,
            jenis=jenis,
            status="DITANDATANGANI" if jenis == "KPU" or n % 3 else "DRAFT",
            ditandatangani_pada=dt.datetime(TAHUN, 1, 20, tzinfo=dt.UTC)
            if jenis == "KPU" or n % 3
            else None,
        )
        for n, s in enumerate(satker)
        for jenis in ("KPU", "SEKRETARIAT")
    )
    baris = []
    for p in pk:
        for i in range(BARIS_PER_PK[p.jenis == "SEKRETARIAT"]):
            b = km.BarisPK(
                perjanjian=p,
                no=str(i + 1),
                urutan=i + 1,
                sasaran=f"Sasaran {i % 4 + 1}",
                indikator=f"Indikator {p.jenis} {i + 1}",
                jenis_nilai="PERSEN",
                target="80%",
            )
            isi_nilai(b, "target", b.jenis_nilai)
            baris.append(b)
    baris = km.BarisPK.objects.bulk_create(baris, batch_size=2000)
    realisasi = []
    for n, b in enumerate(baris):
        for q, periode in enumerate(("TW1", "TW2", "TW3", "TW4")):
            if (n + q) % 17 == 0:
                continue
            r = km.Realisasi(baris=b, periode=periode, teks=f"{60 + (n * 7 + q * 5) % 45}%")
            isi_nilai(r, "teks", "PERSEN")
            realisasi.append(r)
    km.Realisasi.objects.bulk_create(realisasi, batch_size=5000)


def isi_anggaran(satker: list[Satker]) -> None:
    # The catalogue may already hold them (installed after migrate).
    program, _ = km.Program.objects.get_or_create(
        kode="076.01.WA", defaults={"nama": "Program Dukungan Manajemen"}
    )
    kegiatan = [
        km.Kegiatan.objects.get_or_create(
            program=program, kode=k, defaults={"nama": f"Kegiatan {k}"}
        )[0]
        for k in ("3355", "3360", "6709")
    ]
    dipa = km.Dipa.objects.bulk_create(km.Dipa(satker=s, tahun=TAHUN) for s in satker)
    km.RevisiDipa.objects.bulk_create(
        km.RevisiDipa(
            dipa=d, label=label, tanggal=tanggal, pagu=BARIS_ANGGARAN * 100_000_000, urutan=u
        )
        for d in dipa
        for u, (label, tanggal) in enumerate(
            (("DIPA Awal", dt.date(TAHUN - 1, 12, 1)), ("Revisi 1", dt.date(TAHUN, 6, 1)))
        )
    )
    km.BarisAnggaran.objects.bulk_create(
        (
            km.BarisAnggaran(
                dipa=d,
                program=program,
                kegiatan=kegiatan[i % 3],
                output_kode=f"EBA.{i:03d}",
                akun_kode="521211",
                pagu=100_000_000,
                realisasi=(60 + (i * 13 + n) % 45) * 1_000_000,
                urutan=i,
            )
            for n, d in enumerate(dipa)
            for i in range(BARIS_ANGGARAN)
        ),
        batch_size=5000,
    )
    LaporanKinerja.objects.bulk_create(LaporanKinerja(satker=s, tahun=TAHUN) for s in satker)


def _waktu(client: Client, url: str) -> float:
    mulai = time.perf_counter()
    resp = client.get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    return (time.perf_counter() - mulai) * 1000


def ubah_satu_realisasi() -> None:
    """A user's save: one realisasi of one satker, through save() as the services do."""
    r = km.Realisasi.objects.select_related("baris").order_by("id").first()
    r.teks = "71%" if r.teks != "71%" else "72%"
    r.save()


def ukur(client: Client, url: str, ulang: int) -> tuple[float, float, float, int, int]:
    """Milliseconds with an empty cache and after one change, median warm over `ulang` requests,
    the queries of a warm request, and the response size."""
    cache.clear()
    kosong = _waktu(client, url)
    ubah_satu_realisasi()
    berubah = _waktu(client, url)
    connection.queries_log.clear()  # with DEBUG the log is capped: clear it or nothing counts
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    waktu = [_waktu(client, url) for _ in range(ulang)]
    return kosong, berubah, statistics.median(waktu), len(ctx), len(resp.content)


def profil(client: Client, url: str) -> None:
    import cProfile
    import pstats

    client.get(url)
    cProfile.runctx("client.get(url)", globals(), {"client": client, "url": url}, "/tmp/rk/prof")
    pstats.Stats("/tmp/rk/prof").sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--satker", type=int, default=553)
    parser.add_argument("--ulang", type=int, default=5)
    args = parser.parse_args()

    setup_test_environment()
    # As in Django's test runner: keep the connection between requests, so queries are counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    mulai = time.perf_counter()
    satker = buat_satker(args.satker)
    isi_kinerja(satker)
    isi_anggaran(satker)
    print(
        f"Data: {len(satker)} satker, {km.BarisPK.objects.count()} baris PK, "
        f"{km.Realisasi.objects.count()} realisasi, {km.BarisAnggaran.objects.count()} baris "
        f"anggaran ({time.perf_counter() - mulai:.1f} s)\n"
    )

    admin = User.objects.create_superuser("bench", password="bench-rahasia-123")
    client = Client()
    client.force_login(admin)
    prov = "11"
    halaman = [
        ("Rekap nasional (halaman)", f"/rekap/?tahun={TAHUN}"),
        ("Rekap nasional (XLSX)", f"/rekap/?tahun={TAHUN}&format=xlsx"),
        (f"Rekap provinsi {prov} (halaman)", f"/rekap/provinsi/{prov}/?tahun={TAHUN}"),
        (f"Indikator provinsi {prov}", f"/rekap/provinsi/{prov}/indikator/?tahun={TAHUN}"),
        ("API rekap nasional", f"/api/v1/rekap/?tahun={TAHUN}"),
        (f"API rekap provinsi {prov}", f"/api/v1/rekap/?tahun={TAHUN}&provinsi={prov}"),
        ("API satker (halaman 1)", "/api/v1/satker/"),
        ("API perjanjian (halaman 1)", f"/api/v1/perjanjian/?tahun={TAHUN}"),
        ("API baris-pk (halaman 1)", f"/api/v1/baris-pk/?tahun={TAHUN}"),
        ("API realisasi (halaman 1)", f"/api/v1/realisasi/?tahun={TAHUN}"),
        ("API baris-anggaran (halaman 1)", f"/api/v1/baris-anggaran/?tahun={TAHUN}"),
        ("API laporan (halaman 1)", f"/api/v1/laporan/?tahun={TAHUN}"),
    ]
    if os.environ.get("PROFIL"):
        profil(client, os.environ["PROFIL"])
        return
    print(
        f"{'halaman / endpoint':<34} {'cache kosong':>12} {'1 diubah':>9} {'hangat':>7} "
        f"{'query':>6} {'KB':>6}   (ms; query: permintaan hangat)"
    )
    for nama, url in halaman:
        kosong, berubah, ms, query, ukuran = ukur(client, url, args.ulang)
        print(
            f"{nama:<34} {kosong:>12.0f} {berubah:>9.0f} {ms:>7.0f} {query:>6} "
            f"{ukuran / 1024:>6.0f}"
        )


if __name__ == "__main__":
    main()
