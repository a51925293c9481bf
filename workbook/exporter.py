"""Writing workbooks: the data of satker for a year, and the empty template with examples.

Each sheet's rows come from a small generator over the database (one query per sheet), written
in streaming mode. Values are written as the user wrote them (target and realisasi texts), money
as whole rupiah with the rupiah format, dates as dates, and text made formula-safe
(`common.xlsx.teks_aman`), so an export imports back without a single change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import IO

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from common.xlsx import FORMAT_RUPIAH, FORMAT_TANGGAL, teks_aman
from evaluasi.models import Instrumen, Komponen, Kriteria, NilaiJawaban, Predikat, SubKomponen
from kinerja.capaian import Periode
from kinerja.models import (
    AnggaranPK,
    BarisAnggaran,
    BarisPK,
    IndikatorKinerja,
    Kegiatan,
    Output,
    OutputRO,
    Pemilihan,
    PemilihKecamatan,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RealisasiRO,
    RencanaAksi,
    Renstra,
    RevisiBaris,
    RevisiDipa,
    SasaranStrategis,
    TargetRenstra,
    TautanAnggaran,
)
from satker.models import Aset, Pegawai, Pejabat, Satker
from workbook import skema

BARIS_VALIDASI = 5000
_URUT_PERIODE = {p: i for i, p in enumerate(Periode.values)}
_LEBAR = {"sasaran": 40, "indikator": 40, "nama": 30, "kendala": 30, "tindak_lanjut": 30}


def ekspor_workbook(satker: QuerySet[Satker], tahun: int, tujuan: IO[bytes] | str) -> None:
    """Write the data of these satker for a year, one sheet per sheet of the format."""
    satker = satker.order_by("kode")
    perjanjian = _perjanjian_terbaru(satker, tahun)
    sumber = {
        skema.SATKER: _satker(satker),
        skema.PEJABAT: _pejabat(satker),
        skema.PK: _pk(perjanjian),
        skema.PK_ANGGARAN: _pk_anggaran(perjanjian),
        skema.PK_PIHAK: _pk_pihak(perjanjian),
        skema.REALISASI: _realisasi(perjanjian),
        skema.ANGGARAN: _anggaran(satker, tahun),
        skema.REVISI_DIPA: _revisi(satker, tahun),
        skema.PK_INDIKATOR: _pk_indikator(perjanjian),
        skema.RENCANA_AKSI: _rencana_aksi(perjanjian),
        skema.PEGAWAI: _pegawai(satker, tahun),
        skema.ASET: _aset(satker, tahun),
        skema.PEMILIHAN: _pemilihan(satker, tahun),
        skema.PEMILIH_KECAMATAN: _pemilih_kecamatan(satker, tahun),
        skema.TAUTAN_ANGGARAN: _tautan_anggaran(perjanjian),
        skema.OUTPUT_RO: _output_ro(satker, tahun),
        skema.REALISASI_RO: _realisasi_ro(satker, tahun),
        skema.REVISI_DIPA_BARIS: _revisi_baris(satker, tahun),
    }
    _tulis(sumber, tujuan, validasi=False)


def ekspor_katalog(tujuan: IO[bytes] | str) -> None:
    """Write the national catalogue: codes, the national Renstra, indicators and targets."""
    renstra = Renstra.objects.filter(satker__isnull=True).order_by("tahun_awal")
    sasaran = SasaranStrategis.objects.filter(renstra__in=renstra).select_related("renstra")
    indikator = IndikatorKinerja.objects.filter(sasaran__in=sasaran).select_related(
        "sasaran__renstra"
    )
    target = TargetRenstra.objects.filter(indikator__in=indikator).select_related(
        "indikator__sasaran__renstra"
    )
    sumber = {
        skema.PROGRAM: ([p.kode, p.nama] for p in Program.objects.order_by("kode")),
        skema.KEGIATAN: (
            [k.program.kode, k.kode, k.nama]
            for k in Kegiatan.objects.select_related("program").order_by("program__kode", "kode")
        ),
        skema.OUTPUT: (
            [o.kegiatan.program.kode, o.kegiatan.kode, o.kode, o.nama]
            for o in Output.objects.select_related("kegiatan__program")
        ),
        skema.RENSTRA: ([r.tahun_awal, r.tahun_akhir, r.visi, r.misi, r.tujuan] for r in renstra),
        skema.SASARAN: (
            [sa.renstra.tahun_awal, sa.kode, sa.nama, sa.jenis_pk]
            for sa in sasaran.order_by("renstra__tahun_awal", "urutan", "kode")
        ),
        skema.INDIKATOR: (
            [
                ik.sasaran.renstra.tahun_awal,
                ik.sasaran.kode,
                ik.kode,
                ik.nama,
                ik.tingkat,
                ik.satuan,
                ik.jenis_nilai,
                ik.arah,
                ik.agregasi,
                ik.definisi_operasional,
                ik.formula,
                ik.sumber_data,
                ik.data_pemilu,
            ]
            for ik in indikator.order_by(
                "sasaran__renstra__tahun_awal", "sasaran__urutan", "urutan"
            )
        ),
        skema.TARGET_NASIONAL: (
            [t.indikator.sasaran.renstra.tahun_awal, t.indikator.kode, t.tahun, t.target]
            for t in target.order_by(
                "indikator__sasaran__renstra__tahun_awal",
                "indikator__sasaran__urutan",
                "indikator__urutan",
                "tahun",
            )
        ),
    }
    sumber |= _instrumen_lke()
    _tulis(sumber, tujuan, validasi=False)


def _instrumen_lke() -> dict:
    """The LKE instruments (issue 18), each part under its instrument's first year."""
    komponen = Komponen.objects.select_related("instrumen").order_by(
        "instrumen__berlaku_dari", "urutan", "kode"
    )
    sub = SubKomponen.objects.select_related("komponen__instrumen").order_by(
        "komponen__instrumen__berlaku_dari", "komponen__urutan", "urutan", "kode"
    )
    kriteria = Kriteria.objects.select_related("sub__komponen__instrumen").order_by(
        "sub__komponen__instrumen__berlaku_dari", "sub__komponen__urutan", "sub__urutan", "urutan"
    )
    return {
        skema.LKE_INSTRUMEN: (
            [i.berlaku_dari, i.nama, i.dasar, i.catatan]
            for i in Instrumen.objects.order_by("berlaku_dari")
        ),
        skema.LKE_KOMPONEN: ([k.instrumen.berlaku_dari, k.kode, k.nama, k.bobot] for k in komponen),
        skema.LKE_SUBKOMPONEN: (
            [s.komponen.instrumen.berlaku_dari, s.komponen.kode, s.kode, s.nama, s.bobot]
            for s in sub
        ),
        skema.LKE_KRITERIA: (
            [
                c.sub.komponen.instrumen.berlaku_dari,
                c.sub.kode,
                c.kode,
                c.uraian,
                c.skala,
                c.otomatis,
            ]
            for c in kriteria
        ),
        skema.LKE_NILAI: (
            [n.instrumen.berlaku_dari, n.skala, n.jawaban, n.nilai]
            for n in NilaiJawaban.objects.select_related("instrumen").order_by(
                "instrumen__berlaku_dari", "skala", "jawaban"
            )
        ),
        skema.LKE_PREDIKAT: (
            [p.instrumen.berlaku_dari, p.predikat, p.batas]
            for p in Predikat.objects.select_related("instrumen").order_by(
                "instrumen__berlaku_dari", "-batas"
            )
        ),
    }


def buat_template(tujuan: IO[bytes] | str) -> None:
    """The empty workbook: headers, one example row per sheet, and drop-down lists."""
    _tulis({s: [[k.contoh for k in s.kolom]] for s in skema.SHEETS}, tujuan, validasi=True)


def _tulis(sumber: dict[skema.Sheet, Iterable[list]], tujuan, *, validasi: bool) -> None:
    buku = Workbook(write_only=True)
    tebal = Font(bold=True)
    isi = PatternFill("solid", fgColor="F4F4F5")
    for sheet, baris in sumber.items():
        ws = buku.create_sheet(sheet.nama)
        ws.freeze_panes = "A2"
        for i, kolom in enumerate(sheet.kolom, start=1):
            wajib = kolom.wajib
            ws.column_dimensions[get_column_letter(i)].width = _LEBAR.get(
                kolom.nama, 14 if not wajib else 16
            )
            if validasi and kolom.pilihan:
                dv = DataValidation(
                    type="list",
                    formula1='"' + ",".join(kolom.pilihan) + '"',
                    allow_blank=not wajib,
                    showErrorMessage=True,
                    errorTitle="Pilihan tidak dikenal",
                    error="Pilih salah satu: " + ", ".join(kolom.pilihan),
                )
                huruf = get_column_letter(i)
                dv.add(f"{huruf}2:{huruf}{BARIS_VALIDASI}")
                ws.data_validations.append(dv)
        kepala = []
        for kolom in sheet.kolom:
            c = WriteOnlyCell(ws, kolom.nama)
            c.font, c.fill = tebal, isi
            kepala.append(c)
        ws.append(kepala)
        for nilai in baris:
            ws.append([_sel(ws, k, v) for k, v in zip(sheet.kolom, nilai, strict=True)])
    buku.save(tujuan)


def _sel(ws, kolom: skema.Kolom, nilai: object) -> object:
    if nilai is None or nilai == "":
        return None
    if kolom.jenis == skema.Jenis.UANG:
        c = WriteOnlyCell(ws, int(nilai))
        c.number_format = FORMAT_RUPIAH
        return c
    if isinstance(nilai, dt.date):
        c = WriteOnlyCell(ws, nilai)
        c.number_format = FORMAT_TANGGAL
        return c
    if isinstance(nilai, str):
        return teks_aman(nilai)
    return nilai


def _satker(satker: QuerySet[Satker]) -> Iterator[list]:
    """The satker, after their parents up to KPU RI, so that the file recreates them in an empty
    database (an import leaves a parent it may not write alone while it is unchanged)."""
    semua = {s.pk: s for s in satker.select_related("induk")}
    induk = [s.induk_id for s in semua.values()]
    while induk := [i for i in induk if i and i not in semua]:
        for s in Satker.objects.filter(pk__in=induk):
            semua[s.pk] = s
        induk = [s.induk_id for s in semua.values()]
    kode = {s.pk: s.kode for s in semua.values()}
    urut = sorted(semua.values(), key=lambda s: (skema.TINGKAT.index(s.tingkat), s.kode))
    for s in urut:
        yield [s.kode, s.nama, s.tingkat, kode.get(s.induk_id, ""), s.alamat, s.kota]


def _pejabat(satker: QuerySet[Satker]) -> Iterator[list]:
    qs = Pejabat.objects.filter(satker__in=satker).select_related("satker")
    for p in qs.order_by("satker__kode", "jabatan", "nama"):
        yield [p.satker.kode, p.nama, p.nip, p.jabatan, p.divisi, p.tugas]


def _perjanjian_terbaru(satker: QuerySet[Satker], tahun: int) -> list[PerjanjianKinerja]:
    """The latest versi of each PK: the one an import would write to."""
    terbaru: dict[tuple, PerjanjianKinerja] = {}
    qs = PerjanjianKinerja.objects.filter(satker__in=satker, tahun=tahun).select_related("satker")
    for pk in qs.order_by("versi"):
        terbaru[(pk.satker.kode, pk.jenis)] = pk
    return [terbaru[k] for k in sorted(terbaru)]


def _kunci(pk: PerjanjianKinerja) -> list:
    return [pk.satker.kode, pk.tahun, pk.jenis]


def _pk(perjanjian: list[PerjanjianKinerja]) -> Iterator[list]:
    urut = {pk.pk: i for i, pk in enumerate(perjanjian)}
    qs = BarisPK.objects.filter(perjanjian__in=perjanjian).prefetch_related("target_triwulan")
    daftar = sorted(qs, key=lambda b: (urut[b.perjanjian_id], b.urutan, b.id))
    pk = {p.pk: p for p in perjanjian}
    for b in daftar:
        tw = {t.periode: t.teks for t in b.target_triwulan.all()}
        yield [
            *_kunci(pk[b.perjanjian_id]),
            b.no,
            b.sasaran,
            b.indikator,
            b.satuan,
            b.arah,
            b.agregasi,
            b.target,
            *(tw.get(p, "") for p in skema.PERIODE[:4]),
        ]


def _pk_anggaran(perjanjian: list[PerjanjianKinerja]) -> Iterator[list]:
    pk = {p.pk: p for p in perjanjian}
    urut = {p.pk: i for i, p in enumerate(perjanjian)}
    qs = AnggaranPK.objects.filter(perjanjian__in=perjanjian)
    for a in sorted(qs, key=lambda a: (urut[a.perjanjian_id], a.urutan, a.id)):
        yield [*_kunci(pk[a.perjanjian_id]), a.program, a.jumlah]


def _pk_pihak(perjanjian: list[PerjanjianKinerja]) -> Iterator[list]:
    # The first party is required: a name or title not known yet (a seed that does not print
    # it) is written "-", which the import reads back as empty (docs/workbook.md).
    for pk in perjanjian:
        yield [
            *_kunci(pk),
            pk.pihak_pertama_nama or skema.KOSONG,
            pk.pihak_pertama_jabatan or skema.KOSONG,
            pk.pihak_kedua_nama,
            pk.pihak_kedua_jabatan,
            pk.tempat,
            pk.tanggal,
        ]


def _realisasi(perjanjian: list[PerjanjianKinerja]) -> Iterator[list]:
    pk = {p.pk: p for p in perjanjian}
    urut = {p.pk: i for i, p in enumerate(perjanjian)}
    qs = Realisasi.objects.filter(baris__perjanjian__in=perjanjian).select_related("baris")
    daftar = sorted(
        qs,
        key=lambda r: (
            urut[r.baris.perjanjian_id],
            r.baris.urutan,
            r.baris_id,
            _URUT_PERIODE[r.periode],
        ),
    )
    for r in daftar:
        yield [
            *_kunci(pk[r.baris.perjanjian_id]),
            r.baris.no,
            r.periode,
            r.teks,
            r.kendala,
            r.tindak_lanjut,
        ]


def _pk_indikator(perjanjian: list[PerjanjianKinerja]) -> Iterator[list]:
    """Every PK row's link to the national catalogue (a code, local, or neither yet)."""
    pk = {p.pk: p for p in perjanjian}
    urut = {p.pk: i for i, p in enumerate(perjanjian)}
    qs = BarisPK.objects.filter(perjanjian__in=perjanjian).select_related("indikator_kinerja")
    for b in sorted(qs, key=lambda b: (urut[b.perjanjian_id], b.urutan, b.id)):
        kode = b.indikator_kinerja.kode if b.indikator_kinerja else ""
        yield [*_kunci(pk[b.perjanjian_id]), b.no, kode, "ya" if b.lokal else "tidak"]


def _anggaran(satker: QuerySet[Satker], tahun: int) -> Iterator[list]:
    qs = BarisAnggaran.objects.filter(dipa__satker__in=satker, dipa__tahun=tahun)
    qs = qs.select_related("dipa__satker", "program", "kegiatan")
    for b in qs.order_by("dipa__satker__kode", "urutan", "id"):
        yield [
            b.dipa.satker.kode,
            b.dipa.tahun,
            b.program.kode,
            b.program.nama,
            b.kegiatan.kode,
            b.kegiatan.nama,
            b.output_kode,
            b.output_nama,
            b.akun_kode,
            b.sumber,
            b.pagu,
            b.realisasi,
            b.per_tanggal,
        ]


def _revisi(satker: QuerySet[Satker], tahun: int) -> Iterator[list]:
    qs = RevisiDipa.objects.filter(dipa__satker__in=satker, dipa__tahun=tahun)
    qs = qs.select_related("dipa__satker")
    for r in qs.order_by("dipa__satker__kode", "urutan", "tanggal", "id"):
        yield [r.dipa.satker.kode, r.dipa.tahun, r.label, r.tanggal, r.pagu]


def _pegawai(satker: QuerySet[Satker], tahun: int) -> Iterator[list]:
    qs = Pegawai.objects.filter(satker__in=satker, tahun=tahun).select_related("satker")
    for p in qs.order_by("satker__kode", "urutan", "nama"):
        yield [
            p.satker.kode,
            p.tahun,
            p.nama,
            p.nip,
            p.status,
            p.golongan,
            p.pendidikan,
            p.jabatan,
            p.unit,
        ]


def _aset(satker: QuerySet[Satker], tahun: int) -> Iterator[list]:
    qs = Aset.objects.filter(satker__in=satker, tahun=tahun).select_related("satker")
    for a in qs.order_by("satker__kode", "jenis", "uraian", "kondisi"):
        yield [
            a.satker.kode,
            a.tahun,
            a.jenis,
            a.uraian,
            a.kondisi,
            a.jumlah,
            a.satuan,
            a.nilai,
            a.keterangan,
        ]


def _pemilihan(satker: QuerySet[Satker], tahun: int) -> Iterator[list]:
    qs = Pemilihan.objects.filter(satker__in=satker, tahun=tahun).select_related("satker")
    for p in qs.order_by("satker__kode", "jenis"):
        yield [
            p.satker.kode,
            p.tahun,
            p.jenis,
            p.nama,
            p.tanggal,
            p.dpt_disabilitas,
            p.pengguna_disabilitas,
            p.dpt_pemula,
            p.pengguna_pemula,
        ]


def _pemilih_kecamatan(satker: QuerySet[Satker], tahun: int) -> Iterator[list]:
    qs = PemilihKecamatan.objects.filter(
        pemilihan__satker__in=satker, pemilihan__tahun=tahun
    ).select_related("pemilihan__satker")
    for k in qs.order_by("pemilihan__satker__kode", "pemilihan__jenis", "urutan", "kecamatan"):
        p = k.pemilihan
        yield [
            p.satker.kode,
            p.tahun,
            p.jenis,
            k.kecamatan,
            k.desa,
            k.tps,
            k.dpt_l,
            k.dpt_p,
            k.pengguna_l,
            k.pengguna_p,
        ]


def _rencana_aksi(perjanjian: list[PerjanjianKinerja]) -> Iterator[list]:
    qs = RencanaAksi.objects.filter(baris__perjanjian__in=perjanjian).select_related(
        "baris__perjanjian__satker"
    )
    for a in qs.order_by("baris__perjanjian__jenis", "baris__urutan", "baris__id", "urutan", "id"):
        b = a.baris
        yield [
            *_kunci(b.perjanjian),
            b.no,
            a.kegiatan,
            a.pelaksana,
            *("ya" if t else "tidak" for t in a.triwulan),
        ]


def _tautan_anggaran(perjanjian: list[PerjanjianKinerja]) -> Iterator[list]:
    qs = TautanAnggaran.objects.filter(baris__perjanjian__in=perjanjian).select_related(
        "baris__perjanjian__satker", "kegiatan__program"
    )
    urut = (
        "baris__perjanjian__jenis",
        "baris__urutan",
        "baris__id",
        "kegiatan__kode",
        "output_kode",
    )
    for t in qs.order_by(*urut):
        b = t.baris
        yield [
            *_kunci(b.perjanjian),
            b.no,
            t.kegiatan.program.kode,
            t.kegiatan.kode,
            t.output_kode,
            t.porsi,
        ]


def _kode_ro(r: OutputRO) -> list:
    return [
        r.dipa.satker.kode,
        r.dipa.tahun,
        r.kegiatan.program.kode,
        r.kegiatan.kode,
        r.output_kode,
    ]


def _output_ro(satker: QuerySet[Satker], tahun: int) -> Iterator[list]:
    qs = OutputRO.objects.filter(dipa__satker__in=satker, dipa__tahun=tahun)
    qs = qs.select_related("dipa__satker", "kegiatan__program")
    for r in qs.order_by("dipa__satker__kode", "urutan", "id"):
        yield [*_kode_ro(r), r.satuan, r.volume, "ya" if r.kumulatif else "tidak"]


def _realisasi_ro(satker: QuerySet[Satker], tahun: int) -> Iterator[list]:
    qs = RealisasiRO.objects.filter(output__dipa__satker__in=satker, output__dipa__tahun=tahun)
    qs = qs.select_related("output__dipa__satker", "output__kegiatan__program")
    for m in qs.order_by("output__dipa__satker__kode", "output__urutan", "output_id", "bulan"):
        yield [*_kode_ro(m.output), m.bulan, m.volume, m.uang, m.progres, m.kendala]


def _revisi_baris(satker: QuerySet[Satker], tahun: int) -> Iterator[list]:
    qs = RevisiBaris.objects.filter(revisi__dipa__satker__in=satker, revisi__dipa__tahun=tahun)
    qs = qs.select_related("revisi__dipa__satker", "program", "kegiatan")
    urut = ("revisi__dipa__satker__kode", "revisi__urutan", "revisi_id", "program__kode")
    for b in qs.order_by(*urut, "kegiatan__kode", "output_kode", "akun_kode", "sumber"):
        d = b.revisi.dipa
        yield [
            d.satker.kode,
            d.tahun,
            b.revisi.label,
            b.program.kode,
            b.kegiatan.kode,
            b.output_kode,
            b.akun_kode,
            b.sumber,
            b.pagu,
        ]
