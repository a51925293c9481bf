"""Budget tied to performance in the demo (issue 17; fixtures/README.md, "Budget tied to
performance").

From the seeds: Pagar Alam's 2024 pagu and realisasi per kegiatan, its 16 DIPA revisions with
their totals and dates, its NPHD grant; OKI's output (RO) lines with pagu and realisasi.
Illustrative (the seeds do not print them): the split of Pagar Alam's kegiatan over outputs and
akun (each kegiatan's pagu and realisasi kept exactly), the lines each revision changed (chosen so
that every revision's lines add up to its printed total and the last one is the final DIPA), the
RO volumes and months, and the links from PK rows to kegiatan/outputs.
"""

from __future__ import annotations

from decimal import Decimal

from demo.profil import PAGAR_ALAM, TAHUN, simpan
from kinerja import capaian as engine
from kinerja.models import (
    BarisAnggaran,
    BarisPK,
    Dipa,
    Kegiatan,
    OutputRO,
    RealisasiRO,
    RevisiBaris,
    TautanAnggaran,
)
from satker.models import Satker

OKI = "1602"

# Pagar Alam's kegiatan over outputs: (output, name, share of the kegiatan, unit, volume).
OUTPUT_PAGAR_ALAM = {
    "6636": [
        ("QGE.001", "Fasilitasi Teknis Penyelenggaraan Pemilihan", "0.6", "Layanan", 12),
        ("QGE.002", "Pelaksanaan Pemungutan dan Penghitungan Suara Pemilihan", "0.4", "Layanan", 1),
    ],
    "6709": [
        ("QGE.001", "Perencanaan dan Penganggaran Pemilu", "0.8", "Dokumen", 4),
        ("RAN.002", "Pengelolaan Sarana IT Pemilu", "0.2", "Unit", 6),
    ],
    "6867": [("QGE.002", "Honorarium Badan Ad Hoc", "1", "Orang", 1_585)],
    "6870": [("QGE.001", "Pengelolaan Kampanye Pemilu", "1", "Layanan", 3)],
    "6871": [
        ("QGE.001", "Penyiapan dan Pengelolaan Logistik Pemilu", "0.5", "Layanan", 1),
        ("QGE.002", "Pemutakhiran Data Pemilih", "0.5", "Dokumen", 12),
    ],
    "6872": [("QGE.002", "Pelaksanaan Tahapan Pemungutan dan Penghitungan Suara", "1", "TPS", 248)],
    "6981": [("QGE.001", "Fasilitasi Penyiapan Sumpah Janji", "1", "Kegiatan", 1)],
    "6982": [("QGE.002", "Pelaksanaan Tahapan Penetapan Hasil Pemilu", "1", "Dokumen", 2)],
    "3355": [("EBA.962", "Layanan Umum", "1", "Layanan", 12)],
    "3360": [("EBA.994", "Layanan Perkantoran", "1", "Layanan", 12)],
}
# Each output over akun, by program: 51 pegawai, 52 barang, 53 modal.
AKUN = {
    "076.01.CQ": [("521211", "0.30"), ("521213", "0.45"), ("524111", "0.25")],
    "076.01.WA": [("511111", "0.60"), ("521111", "0.30"), ("532111", "0.10")],
}
# OKI's outputs: unit and volume target (its report prints pagu and realisasi only).
SATUAN_OKI = {"BDB": ("Dokumen", 1), "QGE": ("Layanan", 12), "RAN": ("Unit", 4)}

# PK rows of 2024 linked to the kegiatan/outputs that serve them, by row number.
TAUTAN = {
    PAGAR_ALAM: {
        "2.1": [("6870", "QGE.001", 50)],
        "2.2": [("6870", "QGE.001", 50)],
        "2.3": [("6870", "QGE.001", 50)],
        "3": [("6636", "QGE.001", 100)],
        "5": [("6871", "QGE.002", 100)],
        "9": [("6867", "QGE.002", 100)],
        "13": [("6870", "QGE.001", 50)],
        "22": [("6871", "QGE.001", 100)],
        "23": [("6982", "QGE.002", 100)],
        "24": [("6636", "QGE.002", 100), ("6872", "", 100)],
        "1": [("6709", "QGE.001", 60)],
        "4": [("3360", "", 60)],
        "6.1": [("6709", "QGE.001", 40)],
        "7": [("3355", "", 40)],
        "8": [("3355", "", 20)],
        "10": [("3360", "", 20)],
        "11": [("3360", "", 20)],
        "20": [("6709", "RAN.002", 100)],
    },
    OKI: {
        "3": [("6709", "QGE.001", 30)],
        "5": [("6709", "QGE.004", 100)],
        "2": [("6709", "RAN.002", 100)],
        "4": [("3360", "", 100)],
        "6": [("3355", "", 30)],
    },
}


def _bagi(jumlah: int, bagian: list[Decimal]) -> list[int]:
    """An amount split by shares, whole rupiah, the remainder on the last part."""
    hasil = [int(jumlah * b) for b in bagian[:-1]]
    return [*hasil, jumlah - sum(hasil)]


def rincian_baris(kode: str, tahun: int, baris: list[dict]) -> list[dict]:
    """The demo's budget lines of a satker and year: Pagar Alam's 2024 kegiatan split over
    outputs and akun, each kegiatan's pagu and realisasi kept exactly; others as they are."""
    if (kode, tahun) != (PAGAR_ALAM, TAHUN):
        return baris
    hasil = []
    for b in baris:
        if b["output_kode"] or b["sumber"] != "APBN":
            hasil.append(b)
            continue
        output = OUTPUT_PAGAR_ALAM[b["kegiatan"]]
        bagian = [Decimal(o[2]) for o in output]
        for (out, nama, *_), pagu, realisasi in zip(
            output, _bagi(b["pagu"], bagian), _bagi(b["realisasi"], bagian), strict=True
        ):
            akun = AKUN[b["program"]]
            porsi = [Decimal(a[1]) for a in akun]
            for (akun_kode, _), p, r in zip(
                akun, _bagi(pagu, porsi), _bagi(realisasi, porsi), strict=True
            ):
                hasil.append(
                    {
                        **b,
                        "output_kode": out,
                        "output_nama": nama,
                        "akun_kode": akun_kode,
                        "pagu": p,
                        "realisasi": min(r, p),
                        "urutan": len(hasil),
                    }
                )
    return hasil


def muat_anggaran_kinerja(satker: dict[str, Satker]) -> None:
    dipa = Dipa.objects.get(satker=satker[PAGAR_ALAM], tahun=TAHUN)
    # A database loaded before issue 17 holds the kegiatan-level lines the outputs replace.
    dipa.baris.filter(sumber="APBN", output_kode="").delete()
    _revisi_baris(dipa)
    for kode in (PAGAR_ALAM, OKI):
        d = Dipa.objects.get(satker=satker[kode], tahun=TAHUN)
        _output_ro(d)
        _tautan(satker[kode])


def _revisi_baris(dipa: Dipa) -> None:
    """The lines each revision changed, built back from the final lines: a revision that
    changes the total moves the difference on the lines of one kegiatan, in proportion to their
    pagu; one that keeps it shifts 5% between two akun of one output (a pergeseran)."""
    if RevisiBaris.objects.filter(revisi__dipa=dipa).exists():
        return
    lines = list(dipa.baris.filter(sumber="APBN").select_related("program", "kegiatan"))
    revisi = list(dipa.revisi.order_by("urutan"))
    posisi = {b.pk: b.pagu for b in lines}
    keadaan = [dict(posisi)]
    kegiatan = sorted({b.kegiatan.kode for b in lines if b.program.kode == "076.01.CQ"})
    for i in range(len(revisi) - 1, 0, -1):
        selisih = revisi[i - 1].pagu - revisi[i].pagu
        if selisih:
            calon = [b for b in lines if b.kegiatan.kode == kegiatan[i % len(kegiatan)]]
            if sum(posisi[b.pk] for b in calon) + selisih < 0:  # the largest kegiatan, or all
                besar = max(
                    kegiatan, key=lambda k: sum(posisi[b.pk] for b in lines if b.kegiatan.kode == k)
                )
                calon = [b for b in lines if b.kegiatan.kode == besar]
            if sum(posisi[b.pk] for b in calon) + selisih < 0:
                calon = lines
            dasar = sum(posisi[b.pk] for b in calon)
            bagian = [Decimal(posisi[b.pk]) / dasar for b in calon]
            for b, d in zip(calon, _bagi(selisih, bagian), strict=True):
                posisi[b.pk] += d
        else:
            a, b = sorted(lines, key=lambda x: -posisi[x.pk])[i % 3 : i % 3 + 2]
            geser = posisi[a.pk] // 20 // 1000 * 1000
            posisi[a.pk] -= geser
            posisi[b.pk] += geser
        keadaan.append(dict(posisi))
    keadaan.reverse()  # keadaan[i]: the pagu of every line after revisi[i]
    sebelum: dict[int, int] = {}
    for r, k in zip(revisi, keadaan, strict=True):
        for b in lines:
            if sebelum.get(b.pk) != k[b.pk]:
                RevisiBaris.objects.create(
                    revisi=r,
                    program=b.program,
                    kegiatan=b.kegiatan,
                    output_kode=b.output_kode,
                    akun_kode=b.akun_kode,
                    sumber=b.sumber,
                    pagu=k[b.pk],
                )
        sebelum = k


# The share of the year's money spent by the end of each month (an election year: most of it
# from the middle of the year).
KURVA = [2, 5, 9, 14, 20, 30, 42, 55, 68, 80, 90, 100]


def _output_ro(dipa: Dipa) -> None:
    """Each output line's RO with twelve months of volume (cumulative), money and progress."""
    per_output: dict[tuple, list[BarisAnggaran]] = {}
    for b in dipa.baris.filter(sumber="APBN").exclude(output_kode="").select_related("kegiatan"):
        per_output.setdefault((b.kegiatan, b.output_kode), []).append(b)
    volume_pa = {
        (keg, o[0]): (o[3], o[4]) for keg, daftar in OUTPUT_PAGAR_ALAM.items() for o in daftar
    }
    for i, ((kegiatan, kode), lines) in enumerate(per_output.items()):
        satuan, target = volume_pa.get(
            (kegiatan.kode, kode), SATUAN_OKI.get(kode[:3], ("Layanan", 1))
        )
        ro = simpan(
            OutputRO,
            dict(dipa=dipa, kegiatan=kegiatan, output_kode=kode),
            dict(satuan=satuan, volume=Decimal(target), kumulatif=True, urutan=i),
        )
        realisasi = sum(b.realisasi for b in lines)
        pagu = sum(b.pagu for b in lines)
        akhir = Decimal(target) * (Decimal(realisasi) / pagu if pagu else 0)
        akhir = akhir.quantize(Decimal(1)) if target > 1 else Decimal(1 if realisasi else 0)
        uang = _bagi(
            realisasi, [Decimal(b - a) / 100 for a, b in zip([0, *KURVA[:-1]], KURVA, strict=True)]
        )
        kumulatif = 0
        for bulan, (persen, u) in enumerate(zip(KURVA, uang, strict=True), 1):
            kumulatif += u
            simpan(
                RealisasiRO,
                dict(output=ro, bulan=bulan),
                dict(
                    volume=(akhir * persen / 100).quantize(Decimal(1)) if bulan < 12 else akhir,
                    uang=u,
                    progres=min(engine.serapan(pagu, kumulatif), 100) if pagu else None,
                ),
            )


def _tautan(s: Satker) -> None:
    kegiatan = {k.kode: k for k in Kegiatan.objects.all()}
    for no, daftar in TAUTAN[s.kode].items():
        for baris in BarisPK.objects.filter(perjanjian__satker=s, perjanjian__tahun=TAHUN, no=no):
            for keg, out, porsi in daftar:
                simpan(
                    TautanAnggaran,
                    dict(baris=baris, kegiatan=kegiatan[keg], output_kode=out),
                    dict(porsi=Decimal(porsi)),
                )
