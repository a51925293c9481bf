"""Deadline reminders (issue 16, part 3): what `manage.py kirim_pengingat` sends each day.

The dates are the one SAKIP calendar (`kinerja.jadwal`) and "done" is what the rekap says
(`rekap.selectors.rekap_satker`), so a reminder, the home page and the rekap never disagree.
Before a deadline: 7, 3 and 1 days ahead; after it: once, then once a week until done. Each
reminder has a key per person, so running the job twice a day sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse

from common import format as fmt
from kinerja import capaian as engine
from kinerja import jadwal
from rekap.selectors import BarisRekap, rekap_satker
from satker import notifikasi
from satker.models import Notifikasi, Peran

HARI_SEBELUM = (7, 3, 1)
J = Peran.Jenis


@dataclass(frozen=True)
class Tenggat:
    kunci: str
    label: str
    batas: dt.date
    selesai: bool
    peran: tuple[str, ...]
    tautan: str


def tenggat_satker(b: BarisRekap, tahun: int) -> list[Tenggat]:
    """Every deadline of an office's year, with whether it is met."""
    kode = b.satker.kode
    hasil = [
        Tenggat(
            f"pk:{tahun}",
            f"Penandatanganan PK {tahun}",
            jadwal.batas_pk(tahun),
            bool(b.pk) and all(r.ditandatangani for r in b.pk.values()),
            (J.SEKRETARIS, J.KETUA),
            reverse("kinerja:pk_list") + f"?tahun={tahun}",
        )
    ]
    for k in b.kelengkapan:
        if k.jumlah == 0:
            continue
        label = engine.Periode(k.periode).label
        hasil.append(
            Tenggat(
                f"realisasi:{tahun}:{k.periode}",
                f"Realisasi {label} {tahun} ({k.terisi} dari {k.jumlah} indikator terisi)",
                jadwal.batas_realisasi(tahun, k.periode),
                k.lengkap,
                (J.OPERATOR, J.SEKRETARIS),
                reverse("kinerja:realisasi_grid", args=[kode, tahun, k.periode]),
            )
        )
    hasil.append(
        Tenggat(
            f"lkjip:{tahun}",
            f"LKjIP {tahun} final",
            jadwal.batas_laporan(tahun),
            b.laporan_final,
            (J.OPERATOR, J.SEKRETARIS, J.KETUA),
            reverse("laporan:pemeriksaan", args=[kode, tahun]),
        )
    )
    return hasil


def pengingat(hari_ini: dt.date) -> list[Notifikasi]:
    """Send today's reminders for the working year and the year before; returns what was sent."""
    kerja = jadwal.tahun_kerja(hari_ini)
    staf: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for p in Peran.objects.exclude(jenis__in=[J.REVIEWER, J.ADMIN]).select_related("user"):
        staf[p.satker_id][p.jenis].append(p.user)
    terkirim = []
    for tahun in (kerja - 1, kerja):
        for b in rekap_satker(user=None, tahun=tahun, today=hari_ini):
            if b.satker.pk not in staf:
                continue
            for t in tenggat_satker(b, tahun):
                if t.selesai:
                    continue
                sisa = (t.batas - hari_ini).days
                if sisa in HARI_SEBELUM:
                    jenis, kunci = Notifikasi.Jenis.TENGGAT, f"H-{sisa}"
                    judul = f"{t.label}: tenggat {fmt.tanggal(t.batas)}, {sisa} hari lagi"
                elif sisa < 0:
                    minggu = (-sisa - 1) // 7
                    jenis, kunci = Notifikasi.Jenis.TERLAMBAT, f"minggu-{minggu}"
                    judul = f"{t.label}: tenggat {fmt.tanggal(t.batas)} sudah lewat {-sisa} hari"
                else:
                    continue
                penerima = [u for peran in t.peran for u in staf[b.satker.pk][peran]]
                terkirim += notifikasi.kirim(
                    penerima=penerima,
                    jenis=jenis,
                    judul=f"{b.satker.nama}: {judul}",
                    tautan=t.tautan,
                    kunci=f"pengingat:{b.satker.kode}:{t.kunci}:{kunci}",
                )
    return terkirim
