"""The documents of an evaluation, all from `baca_lke` (issue 18): the Laporan Hasil Evaluasi
(LHE) as PDF and XLSX, and the LKE worksheet as XLSX in the layout evaluators use (component,
sub-component and criterion rows with weights, both answers, their values and notes)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from common.xlsx import FORMAT_ANGKA, FORMAT_TANGGAL, nilai_sel
from evaluasi.models import Evaluasi
from evaluasi.selectors import LKE, baca_lke, riwayat
from evaluasi.skor import ARTI
from laporan.render import CSS, pdf_dari_html

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEBAL = Font(bold=True)
LATAR = PatternFill("solid", fgColor="F2E6E6")


def nama_berkas(ev: Evaluasi, jenis: str, ext: str) -> str:
    return f"{jenis}-{ev.satker.kode}-{ev.tahun}.{ext}"


def konteks(ev: Evaluasi) -> dict:
    lke = baca_lke(ev)
    return {
        "ev": ev,
        "lke": lke,
        "bagian": lke.bagian(),
        "arti": ARTI.get(lke.predikat, ""),
        "rekomendasi": list(ev.rekomendasi.select_related("komponen")),
        "riwayat": riwayat(ev.satker, ev.tahun),
        "final": ev.status == Evaluasi.Status.FINAL,
        "tanggal": ev.difinalkan_pada or timezone.now(),
    }


def lhe_html(ev: Evaluasi) -> str:
    ctx = konteks(ev) | {"css": CSS.read_text(encoding="utf-8")}
    return render_to_string("evaluasi/lhe.html", ctx)


def lhe_pdf(ev: Evaluasi) -> bytes:
    return pdf_dari_html(lhe_html(ev)).isi


def _tulis(ws: Worksheet, baris: list, *, tebal: bool = False, latar: bool = False) -> None:
    ws.append([nilai_sel(x) for x in baris])
    for sel in ws[ws.max_row]:
        if tebal:
            sel.font = TEBAL
        if latar:
            sel.fill = LATAR
        if isinstance(sel.value, float):
            sel.number_format = FORMAT_ANGKA
        sel.alignment = Alignment(wrap_text=True, vertical="top")


KOLOM_LKE = [
    ("No", 9),
    ("Komponen / subkomponen / kriteria", 60),
    ("Bobot", 8),
    ("Jawaban satker", 10),
    ("Nilai satker", 10),
    ("Catatan dan bukti satker", 40),
    ("Jawaban evaluator", 10),
    ("Nilai evaluator", 10),
    ("Catatan evaluator", 40),
]


def _lembar_lke(ws: Worksheet, lke: LKE) -> None:
    ev = lke.evaluasi
    ws.title = "LKE"
    _tulis(ws, [f"LEMBAR KERJA EVALUASI AKIP TAHUN {ev.tahun}"], tebal=True)
    _tulis(ws, [f"{ev.satker.nama} · {ev.get_status_display()} · {ev.instrumen.nama}"])
    _tulis(ws, [])
    _tulis(ws, [k for k, _ in KOLOM_LKE], tebal=True, latar=True)
    for i, (_, lebar) in enumerate(KOLOM_LKE):
        ws.column_dimensions[chr(65 + i)].width = lebar
    for k in lke.bagian():
        _tulis(
            ws,
            [
                k.komponen.kode,
                k.komponen.nama,
                k.komponen.bobot,
                "",
                k.mandiri.skor,
                "",
                "",
                k.evaluator.skor,
                "",
            ],
            tebal=True,
            latar=True,
        )
        for s in k.sub:
            sub = s.mandiri.sub
            _tulis(
                ws,
                [sub.kode, sub.nama, sub.bobot, "", s.mandiri.skor, "", "", s.evaluator.skor, ""],
                tebal=True,
            )
            for b, nm, ne in zip(s.baris, s.mandiri.nilai, s.evaluator.nilai, strict=True):
                j = b.jawaban
                bukti = [
                    j.catatan,
                    b.alasan,
                    j.tautan,
                    j.dokumen,
                    j.berkas.name if j.berkas else "",
                ]
                _tulis(
                    ws,
                    [
                        b.kriteria.kode,
                        b.kriteria.uraian,
                        "",
                        b.mandiri,
                        nm,
                        "\n".join(x for x in bukti if x),
                        j.evaluator,
                        ne,
                        j.catatan_evaluator,
                    ],
                )
    _tulis(
        ws,
        ["", "Nilai akuntabilitas kinerja", 100, "", lke.mandiri.total, "", "", lke.nilai, ""],
        tebal=True,
        latar=True,
    )
    _tulis(
        ws,
        [
            "",
            "Predikat",
            "",
            "",
            lke.mandiri.predikat,
            "",
            "",
            lke.predikat,
            ARTI.get(lke.predikat, ""),
        ],
        tebal=True,
    )
    ws.freeze_panes = "C5"


def _simpan(wb: Workbook) -> bytes:
    f = io.BytesIO()
    wb.save(f)
    return f.getvalue()


def lke_xlsx(ev: Evaluasi) -> bytes:
    wb = Workbook()
    _lembar_lke(wb.active, baca_lke(ev))
    return _simpan(wb)


def lhe_xlsx(ev: Evaluasi) -> bytes:
    """The LHE's figures: the summary per component, the recommendations with their follow-up,
    the grade history, and the whole worksheet."""
    c = konteks(ev)
    lke: LKE = c["lke"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    ws.column_dimensions["A"].width = 45
    for kol in "BCD":
        ws.column_dimensions[kol].width = 16
    _tulis(ws, [f"LAPORAN HASIL EVALUASI AKIP TAHUN {ev.tahun}"], tebal=True)
    _tulis(ws, [ev.satker.nama])
    _tulis(ws, ["Status", ev.get_status_display()])
    _tulis(ws, [])
    _tulis(ws, ["Komponen", "Bobot", "Nilai mandiri", "Nilai evaluator"], tebal=True, latar=True)
    for k in c["bagian"]:
        _tulis(
            ws,
            [
                f"{k.komponen.kode}. {k.komponen.nama}",
                k.komponen.bobot,
                k.mandiri.skor,
                k.evaluator.skor,
            ],
        )
    _tulis(ws, ["Nilai akuntabilitas kinerja", 100, lke.mandiri.total, lke.nilai], tebal=True)
    _tulis(ws, ["Predikat", "", lke.mandiri.predikat, lke.predikat], tebal=True)
    _tulis(ws, ["Arti predikat", "", "", c["arti"]])
    if ev.simpulan:
        _tulis(ws, [])
        _tulis(ws, ["Simpulan", ev.simpulan])
    ws = wb.create_sheet("Rekomendasi")
    for kol, lebar in zip("ABCDEF", (24, 50, 14, 50, 22, 40), strict=True):
        ws.column_dimensions[kol].width = lebar
    _tulis(
        ws,
        ["Komponen", "Rekomendasi", "Batas", "Tindak lanjut", "Status", "Tautan bukti"],
        tebal=True,
        latar=True,
    )
    for r in c["rekomendasi"]:
        _tulis(
            ws,
            [
                r.komponen.nama if r.komponen else "Umum",
                r.uraian,
                r.batas,
                r.tindak_lanjut,
                r.get_status_display(),
                r.tautan,
            ],
        )
        if r.batas:
            ws.cell(ws.max_row, 3).number_format = FORMAT_TANGGAL
    ws = wb.create_sheet("Riwayat")
    _tulis(ws, ["Tahun dievaluasi", "Tahun diumumkan", "Nilai", "Predikat"], tebal=True, latar=True)
    for p in c["riwayat"]:
        _tulis(ws, [p.tahun, p.tahun_pengumuman, p.nilai, p.predikat])
    _lembar_lke(wb.create_sheet(), lke)
    return _simpan(wb)
