"""`manage.py lkjip <kode> <tahun> --format pdf|docx|xlsx|html -o <file>`: render without a
server."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan.pemeriksaan import belum_dijustifikasi, periksa
from laporan.render import render_docx, render_html, render_pdf, render_xlsx
from laporan.selectors import build_laporan
from satker.models import Satker


class Command(BaseCommand):
    help = "Render the LKjIP of a satker and year as PDF, DOCX, XLSX or HTML."

    def add_arguments(self, parser):
        parser.add_argument("kode", help="kode satker, misalnya 1672")
        parser.add_argument("tahun", type=int)
        parser.add_argument("--format", choices=["pdf", "docx", "xlsx", "html"], default="pdf")
        parser.add_argument("-o", "--output", required=True, help="berkas tujuan")
        parser.add_argument(
            "--periksa",
            action="store_true",
            dest="tampilkan_temuan",
            help="cetak juga catatan pemeriksaan yang belum dijustifikasi",
        )

    def handle(self, *args, kode, tahun, format, output, tampilkan_temuan, **options):
        satker = Satker.objects.filter(kode=kode).first()
        if satker is None:
            raise CommandError(f"Satker dengan kode {kode} tidak ditemukan.")
        mulai = time.perf_counter()
        lap = build_laporan(satker, tahun)
        halaman = ""
        if format == "pdf":
            pdf = render_pdf(lap)
            isi, halaman = pdf.isi, f", {pdf.halaman} halaman"
        elif format == "docx":
            isi = render_docx(lap)
        elif format == "xlsx":
            isi = render_xlsx(lap)
        else:
            isi = render_html(lap).encode("utf-8")
        Path(output).write_bytes(isi)
        detik = time.perf_counter() - mulai
        self.stdout.write(f"{output}: {satker.nama} {tahun}{halaman}, {detik:.2f} detik")
        if tampilkan_temuan:
            temuan = belum_dijustifikasi(lap, periksa(lap))
            for t in temuan:
                self.stdout.write(f"- [{t.jenis}] {t.pesan}")
            self.stdout.write(f"{len(temuan)} catatan pemeriksaan.")
