"""Open-loop load: visits arrive at a fixed rate whatever the server does, users think between
requests. The model of the days before a quarterly deadline (docs/performance.md, "Load models").

A visit is one user's sequence of requests (an operator entering realisasi, a reviewer opening
rollups). Visits start as a Poisson process of `laju` per second; inside a visit each request is
sent an exponentially distributed think time after the previous response. Latency is measured
from the moment a request was due, so a slow server cannot hide its queue by slowing the load
(no coordinated omission). Plain asyncio and HTTP/1.1 with one connection per request: nothing
to install, and the generator's own CPU is a few per cent of the server's.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field

BATAS_DETIK = 10.0  # a request slower than this counts as an error (as wrk's --timeout)


@dataclass(frozen=True)
class Permintaan:
    jenis: str  # the page kind the figures are reported by
    metode: str
    path: str
    sesi: str
    csrf: str
    isi: str = ""


@dataclass
class Hasil:
    latensi: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    galat: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kunjungan: int = 0
    detik: float = 0.0
    semua: int = 0  # every answered request, warm-up included: what the server's CPU served

    @property
    def permintaan(self) -> int:
        return sum(map(len, self.latensi.values())) + sum(map(len, self.galat.values()))

    @property
    def jumlah_galat(self) -> int:
        return sum(map(len, self.galat.values()))


def _bytes(p: Permintaan, host: str) -> bytes:
    kepala = [
        f"{p.metode} {p.path} HTTP/1.1",
        f"Host: {host}",
        f"Cookie: sessionid={p.sesi}; csrftoken={p.csrf}",
        f"X-CSRFToken: {p.csrf}",
        "Connection: close",
    ]
    isi = p.isi.encode()
    if p.metode == "POST":
        kepala += [
            "Content-Type: application/x-www-form-urlencoded",
            "HX-Request: true",
            f"Content-Length: {len(isi)}",
        ]
    return ("\r\n".join(kepala) + "\r\n\r\n").encode() + isi


async def _kirim(host: str, port: int, p: Permintaan) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(_bytes(p, f"{host}:{port}"))
        await writer.drain()
        baris = await reader.readline()
        await reader.read()  # Connection: close, so the body ends at EOF
        return int(baris.split()[1])
    finally:
        writer.close()


async def _kunjungan(
    host: str,
    port: int,
    urutan: list[Permintaan],
    jeda: float,
    jeda_awal: float,
    acak: random.Random,
    catat,
    hasil: Hasil,
) -> None:
    jatuh_tempo = time.perf_counter() + jeda_awal
    for i, p in enumerate(urutan):
        if i:
            jatuh_tempo += acak.expovariate(1 / jeda)
        await asyncio.sleep(max(0.0, jatuh_tempo - time.perf_counter()))
        try:
            status = await asyncio.wait_for(_kirim(host, port, p), BATAS_DETIK)
            galat = None if status < 400 else f"HTTP {status}"
        except TimeoutError:
            galat = f"lebih dari {BATAS_DETIK:.0f} s"
        except OSError as exc:
            galat = type(exc).__name__
        selesai = time.perf_counter()
        hasil.semua += 1
        if catat():
            if galat:
                hasil.galat[p.jenis].append(galat)
            else:
                hasil.latensi[p.jenis].append((selesai - jatuh_tempo) * 1000)
        jatuh_tempo = max(jatuh_tempo, selesai)  # the user thinks after seeing the page


async def _jalankan(
    host: str,
    port: int,
    aliran: list[tuple[list[list[Permintaan]], float]],
    jeda: float,
    pemanasan: float,
    detik: float,
    benih: int,
) -> Hasil:
    acak = random.Random(benih)
    hasil = Hasil()
    mulai = time.perf_counter()
    ukur_dari, ukur_sampai = mulai + pemanasan, mulai + pemanasan + detik
    tugas = []

    def catat() -> bool:  # requests finishing inside the measured window count
        return ukur_dari <= time.perf_counter() <= ukur_sampai

    def kunjungi(urutan: list[Permintaan], jeda_awal: float = 0.0) -> None:
        visit = _kunjungan(
            host, port, urutan, jeda, jeda_awal, random.Random(acak.random()), catat, hasil
        )
        tugas.append(asyncio.ensure_future(visit))

    async def datang(kunjungan: list[list[Permintaan]], laju: float) -> None:
        # Start in the steady state: the visits a Poisson stream would have in progress now
        # (rate x mean duration), each at a random request of its sequence.
        rata = sum(map(len, kunjungan)) / len(kunjungan) * jeda
        for n in range(round(laju * rata)):
            urutan = kunjungan[(n * 7919) % len(kunjungan)]
            kunjungi(urutan[acak.randrange(len(urutan)) :], acak.expovariate(1 / jeda))
        berikut, n = time.perf_counter(), 0
        while berikut < ukur_sampai:
            await asyncio.sleep(max(0.0, berikut - time.perf_counter()))
            if berikut >= ukur_dari:
                hasil.kunjungan += 1
            kunjungi(kunjungan[n % len(kunjungan)])
            n += 1
            berikut += acak.expovariate(laju)

    await asyncio.gather(*(datang(k, laju) for k, laju in aliran))
    # visits still running at the end are cut off: what they send later is not measured
    await asyncio.sleep(max(0.0, ukur_sampai - time.perf_counter()))
    for t in tugas:
        t.cancel()
    await asyncio.gather(*tugas, return_exceptions=True)
    hasil.detik = detik
    return hasil


def jalankan(
    url: str,
    aliran: list[tuple[list[list[Permintaan]], float]],
    *,
    jeda: float,
    pemanasan: float,
    detik: float,
    benih: int = 1,
) -> Hasil:
    """Streams of visits, each (visits taken in turn, visits per second); `jeda` seconds of think
    time on average; the figures of the `detik` seconds after `pemanasan`."""
    host, port = url.removeprefix("http://").split(":")
    return asyncio.run(_jalankan(host, int(port), aliran, jeda, pemanasan, detik, benih))
