"""The renderers of the report: HTML (preview), PDF (WeasyPrint), XLSX (openpyxl) and DOCX
(python-docx, `laporan.word`).

All three take the same `laporan.data.Laporan`; none reads the database or computes a figure.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.drawing.image import Image as XlImage
from openpyxl.styles import Font

from common import format as fmt
from common import grafik, xlsx
from common.tabel import Tabel, tulis_sheet
from kinerja import capaian as engine
from kinerja.anggaran import AnggaranSasaran
from laporan.data import DataPK, IsiLaporan, Laporan, NilaiTahun, Progres, Sasaran
from laporan.narasi import (
    POIN_ANALISIS,
    PROGRAM_UMUM,
    STANDAR_UMUM,
    TeksTerisi,
    kunci_analisis,
    narasi_terisi,
)
from laporan.pemeriksaan import Temuan, periksa
from laporan.tabel import tabel_pk, urutan_nomor

CSS = Path(settings.BASE_DIR) / "static" / "laporan" / "lkjip.css"


@dataclass(frozen=True)
class AnalisisSasaran:
    nomor: str
    sasaran: Sasaran
    riwayat: dict[int, list[NilaiTahun]]
    progres: dict[int, Progres]
    poin: dict[str, TeksTerisi]
    # The points printed under this sasaran: those the office wrote, and the default cause
    # analysis when it lists kendala; the other defaults are said once (AnalisisUmum).
    tampil: dict[str, bool]
    anggaran: AnggaranSasaran | None = None  # butir 6, from the rows' budget links


@dataclass(frozen=True)
class AnalisisUmum:
    """What the default analysis says for every sasaran left to it, said once."""

    standar: str
    program: str
    tercapai: list[str]  # numbers of sasaran whose targets are all reached
    belum: list[str]

    @property
    def ada(self) -> bool:
        return bool(self.standar or self.program or self.tercapai or self.belum)


def _tampil(s: Sasaran, poin: dict[str, TeksTerisi]) -> dict[str, bool]:
    kendala = any(b.kendala or b.tindak_lanjut for b in s.baris)
    return {
        "standar": poin["standar"].tersimpan or poin["standar"].mentah != STANDAR_UMUM,
        "penyebab": poin["penyebab"].tersimpan or kendala,
        "program": poin["program"].tersimpan or poin["program"].mentah != PROGRAM_UMUM,
    }


def _analisis_umum(analisis: list[AnalisisSasaran]) -> AnalisisUmum:
    def bawaan(poin: str) -> str:
        return next((a.poin[poin].teks for a in analisis if not a.tampil[poin]), "")

    penyebab = [a for a in analisis if not a.tampil["penyebab"]]
    tercapai = [
        a.nomor
        for a in penyebab
        if all(b.capaian is not None and b.capaian >= 100 for b in a.sasaran.baris)
    ]
    belum = [a.nomor for a in penyebab if a.nomor not in tercapai]
    return AnalisisUmum(bawaan("standar"), bawaan("program"), tercapai, belum)


@dataclass(frozen=True)
class BagianPK:
    pk: DataPK
    tabel_rkt: Tabel
    tabel_pk: Tabel
    tabel_anggaran: Tabel | None
    tabel_ukur: Tabel
    analisis: list[AnalisisSasaran]


@dataclass(frozen=True)
class Lampiran:
    """A numbered part of the Lampiran: a PK document, a Rencana Aksi, next year's PK."""

    anchor: str
    judul: str
    jenis: str  # "pk" or "rencana_aksi"
    pk: DataPK
    tahun: int
    tabel: Tabel


def _lampiran(lap: Laporan, bagian_pk: list[BagianPK]) -> list[Lampiran]:
    hasil = []
    for b in bagian_pk:
        judul = f"Perjanjian Kinerja {b.pk.label} Tahun {lap.tahun}"
        hasil.append(
            Lampiran(f"lampiran-pk-{b.pk.jenis.lower()}", judul, "pk", b.pk, lap.tahun, b.tabel_pk)
        )
    for b in bagian_pk:
        t = lap.tabel.get(f"rencana_aksi:{b.pk.jenis}")
        if t is not None:
            anchor = f"lampiran-ra-{b.pk.jenis.lower()}"
            hasil.append(Lampiran(anchor, t.judul, "rencana_aksi", b.pk, lap.tahun, t))
    berikut = lap.tahun + 1
    for pk in lap.pk_berikut:
        judul = f"Perjanjian Kinerja {pk.label} Tahun {berikut}"
        anchor = f"lampiran-pk-{pk.jenis.lower()}-{berikut}"
        hasil.append(Lampiran(anchor, judul, "pk", pk, berikut, tabel_pk(pk, berikut, lap.wilayah)))
    return hasil


@dataclass(frozen=True)
class Gambar:
    nomor: str
    anchor: str
    judul: str


def daftar_gambar(lap: Laporan) -> dict[str, Gambar]:
    """Every figure of the report by key, numbered per chapter in print order: the organisation
    chart and the SDM chart (BAB I), the capaian charts (BAB III), then the pictures the office
    added to each chapter."""
    per_bab: dict[int, list[tuple[str, str]]] = {1: [], 2: [], 3: [], 4: []}
    if _kelompok_organisasi(lap):
        per_bab[1].append(("struktur", f"Struktur Organisasi {lap.nama}"))
    if lap.sdm:
        per_bab[1].append(("sdm", f"Pegawai menurut Tingkat Pendidikan Tahun {lap.tahun}"))
    for pk in lap.pk:
        judul = f"Capaian Kinerja per Indikator {pk.label} Tahun {lap.tahun}"
        per_bab[3].append((f"pk:{pk.jenis}", judul))
    for isi in lap.isi:
        if isi.gambar:
            per_bab[isi.bab].append((isi.kunci_gambar, isi.judul))
    hasil = {}
    for bab, daftar in per_bab.items():
        for n, (kunci, judul) in enumerate(daftar, 1):
            hasil[kunci] = Gambar(f"{bab}.{n}", f"gambar-{bab}-{n}", judul)
    return hasil


def _kelompok_organisasi(lap: Laporan) -> list:
    """The commissioners under the Ketua, the secretariat's units under the Sekretaris."""
    hasil = []
    for kepala, anak in (("ketua", ("anggota",)), ("sekretaris", ("kepala", "kasubbag"))):
        k = next((p for p in lap.pejabat if p.jabatan.lower().startswith(kepala)), None)
        if k is None:
            continue
        bawahan = [p for p in lap.pejabat if p.jabatan.lower().startswith(anak)]
        hasil.append(((k.jabatan, k.nama), [(p.jabatan, p.nama, p.divisi) for p in bawahan]))
    return hasil if any(anak for _, anak in hasil) else []


def _bagan(lap: Laporan) -> str:
    return grafik.bagan_organisasi(_kelompok_organisasi(lap), f"Struktur Organisasi {lap.nama}")


def konteks_isi(lap: Laporan) -> list[tuple[IsiLaporan, str]]:
    """What the office added, in print order, with the number it has in the report."""
    gambar, hasil = daftar_gambar(lap), []
    for isi in lap.isi:
        if isi.gambar:
            nomor = f"Gambar {gambar[isi.kunci_gambar].nomor}"
        elif isi.tabel:
            nomor = f"Tabel {lap.tabel[isi.kunci_tabel].nomor}"
        else:
            nomor = ""
        hasil.append((isi, nomor))
    return hasil


def konteks(lap: Laporan, *, untuk_pdf: bool = False) -> dict:
    teks = narasi_terisi(lap)
    riwayat = {r.baris.id: r.tahun_lalu for r in lap.riwayat}
    progres = {p.baris.id: p for p in lap.progres}
    bagian_pk = []
    nomor = 0
    for pk in lap.pk:
        analisis = []
        for s in pk.sasaran:
            nomor += 1
            poin = {p: teks[kunci_analisis(s, p)] for p in POIN_ANALISIS}
            analisis.append(
                AnalisisSasaran(
                    f"{nomor}",
                    s,
                    {b.id: riwayat[b.id] for b in s.baris if b.id in riwayat},
                    {b.id: progres[b.id] for b in s.baris if b.id in progres},
                    poin,
                    _tampil(s, poin),
                    lap.anggaran_sasaran.get(s.kunci),
                )
            )
        bagian_pk.append(
            BagianPK(
                pk,
                lap.tabel[f"rkt:{pk.jenis}"],
                lap.tabel[f"pk:{pk.jenis}"],
                lap.tabel.get(f"anggaran_pk:{pk.jenis}"),
                lap.tabel[f"ukur:{pk.jenis}"],
                analisis,
            )
        )
    temuan: list[Temuan] = periksa(lap)
    lampiran = _lampiran(lap, bagian_pk)
    gambar = daftar_gambar(lap)
    return {
        "lampiran": lampiran,
        "nomor_pemeriksaan": len(lampiran) + 1,
        "gambar": gambar,
        "daftar_gambar": list(gambar.values()),
        "isi_per_bab": {bab: [i for i in lap.isi if i.bab == bab] for bab in (1, 2, 3, 4)},
        "grafik_struktur": _bagan(lap) if "struktur" in gambar else "",
        "grafik_sdm": grafik.grafik_jumlah(lap.sdm.per_pendidikan, "Pegawai menurut pendidikan")
        if lap.sdm
        else "",
        "dari_pemilu": [b for b in lap.semua_baris if b.dari_pemilu],
        "tabel_pemilihan": [lap.tabel[f"pemilihan:{i}"] for i in range(1, len(lap.pemilihan) + 1)],
        "lap": lap,
        "teks": teks,
        "bagian_pk": bagian_pk,
        "tabel": lap.tabel,
        "daftar_tabel": sorted(lap.tabel.values(), key=urutan_nomor),
        "temuan": [(t, lap.justifikasi.get(t.kunci)) for t in temuan],
        "untuk_pdf": untuk_pdf,
        "poin_analisis": POIN_ANALISIS,
        "analisis_umum": _analisis_umum([a for b in bagian_pk for a in b.analisis]),
        "rumus_efisiensi": engine.RUMUS_EFISIENSI,
        "tanpa_anggaran": [
            a.nomor for b in bagian_pk for a in b.analisis if a.anggaran and not a.anggaran.ada
        ],
    }


def render_html(lap: Laporan, *, untuk_pdf: bool = False, alat: str = "") -> str:
    """The standalone HTML document of the report (what the PDF is made from).

    `alat` is the preview's toolbar (already rendered HTML), left out of the PDF.
    """
    return render_to_string(
        "laporan/dokumen.html",
        {
            **konteks(lap, untuk_pdf=untuk_pdf),
            "css": CSS.read_text(encoding="utf-8"),
            "toolbar": alat,
        },
    )


@dataclass(frozen=True)
class HasilPDF:
    isi: bytes
    halaman: int


def render_pdf(lap: Laporan) -> HasilPDF:
    return pdf_dari_html(render_html(lap, untuk_pdf=True))


def render_docx(lap: Laporan) -> bytes:
    """The report as a Word document, from the same HTML as the PDF (`laporan.word`)."""
    from laporan.word import docx_dari_html

    return docx_dari_html(render_html(lap, untuk_pdf=True))


def render_pk_docx(lap: Laporan, jenis: str) -> bytes:
    """One of the year's PKs as a Word document: the agreement and its table, as the report's
    Lampiran prints them. KeyError when the report has no PK of that kind."""
    from laporan.word import docx_dari_html

    pk = next((p for p in lap.pk if p.jenis == jenis), None)
    if pk is None:
        raise KeyError(jenis)
    judul = f"Perjanjian Kinerja {pk.label} Tahun {lap.tahun}"
    dokumen = Lampiran("pk", judul, "pk", pk, lap.tahun, lap.tabel[f"pk:{jenis}"])
    css = CSS.read_text(encoding="utf-8")
    return docx_dari_html(
        render_to_string("laporan/pk_dokumen.html", {"lap": lap, "l": dokumen, "css": css})
    )


def pdf_dari_html(html: str) -> HasilPDF:
    """WeasyPrint: lay out the standalone HTML of `render_html(..., untuk_pdf=True)`."""
    from weasyprint import HTML

    hasil = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return HasilPDF(hasil.write_pdf(), len(hasil.pages))


def sidik_html(html: str) -> str:
    """The fingerprint of a PDF: SHA-256 of its HTML (data, narrative, CSS and date included)
    and of the WeasyPrint version that lays it out."""
    import weasyprint

    h = hashlib.sha256(weasyprint.__version__.encode())
    h.update(html.encode("utf-8"))
    return h.hexdigest()


# ---------------------------------------------------------------- XLSX


def _nama_sheet(tabel: Tabel, dipakai: set[str]) -> str:
    dasar = f"Tabel {tabel.nomor}"
    nama, i = dasar, 2
    while nama in dipakai:
        nama, i = f"{dasar} ({i})", i + 1
    dipakai.add(nama)
    return nama


def _sheet_gambar(ws, lap: Laporan) -> None:
    """Every figure by number; the pictures the office added are in it too (the charts are
    drawn from tables that have sheets of their own)."""
    ws.append(["Gambar", "Judul", "Keterangan"])
    foto = {i.kunci_gambar: i for i in lap.isi if i.gambar}
    for kunci, g in daftar_gambar(lap).items():
        isi = foto.get(kunci)
        keterangan = isi.sumber if isi else "Grafik dari data laporan"
        ws.append([f"Gambar {g.nomor}", xlsx.teks_aman(g.judul), xlsx.teks_aman(keterangan)])
        if isi is not None:
            data = base64.b64decode(isi.gambar.split(",", 1)[1])
            try:
                img = XlImage(io.BytesIO(data))
            except (OSError, ValueError):  # a picture stored before it was checked
                continue
            skala = min(1.0, 480 / max(img.width, 1))
            img.width, img.height = img.width * skala, img.height * skala
            ws.add_image(img, f"D{ws.max_row}")
            ws.row_dimensions[ws.max_row].height = img.height * 0.75
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 40


def render_xlsx(lap: Laporan) -> bytes:
    """One sheet per table; numbers stored as numbers with Indonesian formats."""
    wb = Workbook()
    ringkas = wb.active
    ringkas.title = "Laporan"
    for baris in (
        [f"Laporan Kinerja {lap.nama_lengkap} Tahun {lap.tahun}"],
        ["Satker", xlsx.teks_aman(lap.nama)],
        ["Kode", xlsx.teks_aman(lap.kode)],
        ["Tahun", lap.tahun],
        ["Versi", lap.versi],
        ["Status", "Final" if lap.final else "Draf"],
        ["Tanggal laporan", fmt.tanggal(lap.tanggal)],
        ["Ditandatangani", xlsx.teks_aman(f"{lap.penandatangan.jabatan} {lap.penandatangan.nama}")],
    ):
        ringkas.append(baris)
    ringkas["A1"].font = Font(bold=True, size=12)
    ringkas.append([])
    ringkas.append(["Tabel", "Judul"])
    dipakai = {"Laporan"}
    for tabel in sorted(lap.tabel.values(), key=urutan_nomor):
        nama = _nama_sheet(tabel, dipakai)
        ringkas.append([f"Tabel {tabel.nomor}", xlsx.teks_aman(tabel.judul)])
        tulis_sheet(wb.create_sheet(nama), tabel)
    _sheet_gambar(wb.create_sheet("Gambar"), lap)
    if lap.komentar:
        kom = wb.create_sheet("Komentar reviu")
        kom.append(["No", "Bagian", "Komentar", "Oleh", "Versi", "Jawaban", "Status"])
        for n, k in enumerate(lap.komentar, 1):
            jawaban = f"{k.jenis_jawaban}: {k.jawaban}" if k.jawaban else ""
            baris = [f"{k.tempat}: {k.label}", k.teks, k.oleh, k.versi, jawaban, k.status]
            kom.append([n, *(xlsx.teks_aman(v) if isinstance(v, str) else v for v in baris)])
    if any(i.jenis == "TEKS" for i in lap.isi):
        sub = wb.create_sheet("Sub-bagian")
        sub.append(["Bab", "Judul", "Teks"])
        for i in lap.isi:
            if i.jenis == "TEKS":
                sub.append([fmt.romawi(i.bab), xlsx.teks_aman(i.judul), xlsx.teks_aman(i.teks)])
        sub.column_dimensions["B"].width = 40
        sub.column_dimensions["C"].width = 100
    ringkas.column_dimensions["A"].width = 14
    ringkas.column_dimensions["B"].width = 70
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
