"""The rendered LKjIP of every demo office: 2024 from the seeds, and the final 2025 of the
illustrative cycle, whose comparison with earlier years follows the catalogue code across the
two Renstra periods."""

import hashlib
import io
import re
from collections import Counter

import pdfplumber
import pytest

from common import format as fmt
from kinerja.capaian import bulatkan
from kinerja.selectors import kebijakan_untuk, pengukuran_pk, perjanjian_terbaru, ringkasan_anggaran
from laporan.models import LaporanKinerja
from laporan.render import render_html, render_pdf
from laporan.selectors import build_laporan
from satker.models import Satker

DEMO = {
    "1672": "KPU Kota Pagar Alam",
    "1602": "KPU Kabupaten Ogan Komering Ilir",
    "1272": "KPU Kota Pematangsiantar",
}


def _rapat(teks: str) -> str:
    return re.sub(r"\s+", "", teks)


@pytest.fixture
def demo(demo_modul, db):
    return demo_modul


@pytest.mark.parametrize("kode", DEMO)
def test_pdf_kantor_demo(demo, kode):
    satker = Satker.objects.get(kode=kode)
    pdf = render_pdf(build_laporan(satker, 2024))
    with pdfplumber.open(io.BytesIO(pdf.isi)) as dok:
        halaman = [p.extract_text() or "" for p in dok.pages]
    teks = "\n".join(halaman)
    rapat = _rapat(teks)
    assert pdf.halaman == len(halaman) > 20
    assert satker.nama in teks and "TAHUN 2024" in teks
    for lain in set(DEMO.values()) - {satker.nama}:
        assert _rapat(lain.split(" ", 2)[2]) not in rapat, lain
    kebijakan = kebijakan_untuk(satker, 2024)
    for pk in perjanjian_terbaru(satker, 2024).values():
        for u in pengukuran_pk(pk, kebijakan):
            if u.capaian.nilai is None:
                capaian = u.capaian.keterangan
            else:
                capaian = fmt.persen(u.capaian.nilai)
            assert _rapat(f"{u.baris.indikator}: target {u.baris.target}") in rapat
            assert _rapat(f"capaian {capaian}") in rapat
    total = ringkasan_anggaran(satker, 2024).total
    for angka in (total.pagu, total.realisasi, total.sisa):
        assert fmt.rupiah(angka) in teks
    assert f"serapan anggaran {fmt.persen(total.serapan)}" in " ".join(teks.split())
    assert halaman[1].strip().endswith("i")  # Kata Pengantar: roman page number
    if kode == "1672":
        _daftar_menunjuk_halaman_yang_benar(halaman)


def _daftar_menunjuk_halaman_yang_benar(halaman: list[str]) -> None:
    """Every entry of the Daftar Tabel and Daftar Gambar names the page its caption is on; the
    Pagar Alam report has every new part (SDM, BMN, DPT, Tabel 4.1, Gambar 1.1)."""
    nomor_halaman = [h.strip().splitlines()[-1].strip() if h.strip() else "" for h in halaman]
    daftar = {}
    for h in halaman:
        if "DAFTAR TABEL" in h or "DAFTAR GAMBAR" in h:
            # an entry may wrap: its label starts a line, its page ends a later one
            for m in re.finditer(
                r"^((?:Tabel|Gambar) \d+\.\d+) [^\n]*?(?:\n[^\n]*?)??\.{3,}\s*(\d+)$", h, re.M
            ):
                daftar[m.group(1)] = m.group(2)
    for wajib in ("Tabel 1.3", "Tabel 1.6", "Tabel 3.6", "Tabel 4.1", "Gambar 1.1"):
        assert wajib in daftar, sorted(daftar)
    for label, nomor in daftar.items():
        letak = [
            nomor_halaman[i]
            for i, h in enumerate(halaman)
            if re.search(rf"^{re.escape(label)}$", h, re.M) and "DAFTAR" not in h
        ]
        assert letak == [nomor], (label, nomor, letak)


@pytest.mark.parametrize("kode", DEMO)
def test_every_demo_office_has_a_final_lkjip_2025(demo, kode):
    final = LaporanKinerja.objects.get(satker__kode=kode, tahun=2025, status="FINAL")
    with final.pdf.open("rb") as f:
        isi = f.read()
    assert hashlib.sha256(isi).hexdigest() == final.sha256
    with pdfplumber.open(io.BytesIO(isi)) as dok:
        teks = "\n".join(p.extract_text() or "" for p in dok.pages[:3])
    assert DEMO[kode] in teks and "TAHUN 2025" in teks


def test_2025_is_compared_with_earlier_years_by_catalogue_code(demo):
    """Pagar Alam's 2025 rows come from the Renstra 2025-2029; Tabel 3.3 finds their 2022-2024
    values in rows of the Renstra 2020-2024 with the same code."""
    lap = build_laporan(Satker.objects.get(kode="1672"), 2025)
    riwayat = {r.baris.kode_indikator: r for r in lap.riwayat}
    data_pemilih = riwayat["IK5.1"]
    assert [n.tahun for n in data_pemilih.tahun_lalu] == [2022, 2023, 2024]
    assert data_pemilih.baris.indikator.startswith("Persentase ketepatan waktu KPU Kota Pagar")
    assert data_pemilih.tahun_lalu[-1].realisasi == "100%"
    assert lap.tahun_riwayat == [2022, 2023, 2024]


@pytest.mark.parametrize("tahun", [2024, 2025])
@pytest.mark.parametrize("kode", DEMO)
def test_no_paragraph_of_default_text_appears_more_than_twice(demo, kode, tahun):
    """The default analysis shared by many sasaran is said once, not under each of them."""
    html = render_html(build_laporan(Satker.objects.get(kode=kode), tahun))
    # the Lampiran attaches the signed PK documents (this year's and next year's) verbatim
    isi = html.split("<body", 1)[1].split('<section class="lampiran">', 1)[0]
    paragraf = [
        " ".join(re.sub(r"<[^>]+>", "", p).split())
        for p in re.findall(r"<(?:p|li)[^>]*>(.*?)</(?:p|li)>", isi, re.S)
    ]
    ulang = {p: n for p, n in Counter(p for p in paragraf if len(p) > 40).items() if n > 2}
    assert ulang == {}
    assert html.count("Belum terdapat standar nasional yang ditetapkan") <= 1


def test_point_4_compares_with_the_province_and_the_nation(demo):
    """Point 4 of a sasaran names the averages of the same catalogue indicator in the province
    and in the nation, and the office's rank in its province, from the figures the rekap uses."""
    from django.contrib.auth.models import User

    from rekap.selectors import rekap_indikator

    admin = User.objects.get(username="admin")
    baris = rekap_indikator(user=admin, tahun=2025, kunci="ik:IK4.4")
    capaian = {b.satker.kode: b.pengukuran.capaian.nilai for b in baris if b.pengukuran}
    nasional = bulatkan(sum(capaian.values()) / len(capaian))
    provinsi = sorted((capaian["1672"], capaian["1602"]), reverse=True)
    lap = build_laporan(Satker.objects.get(kode="1672"), 2025)
    p = lap.pembanding["IK4.4"]
    assert (p.capaian, p.rata_nasional, p.jumlah_nasional) == (capaian["1672"], nasional, 3)
    assert (p.rata_provinsi, p.jumlah_provinsi) == (bulatkan(sum(provinsi) / 2), 2)
    assert p.peringkat == provinsi.index(capaian["1672"]) + 1
    tabel = lap.tabel["pembanding"]
    html_tabel = render_html(lap).split(f'id="{tabel.anchor}"', 1)[1].split("</figure>", 1)[0]
    assert '<td class="angka">3</td>' in html_tabel  # a count of offices, not 3,00
    teks = " ".join(re.sub(r"<[^>]+>", " ", render_html(lap)).split())
    assert (
        f"Pemilihan: capaian {fmt.persen(p.capaian)}; rata-rata provinsi "
        f"{fmt.persen(p.rata_provinsi)}, peringkat {p.peringkat} dari 2 satker di provinsi; "
        f"rata-rata nasional {fmt.persen(nasional)} dari 3 satker (2025, indikator katalog IK4.4)."
    ) in teks
    # The figures come through a placeholder: the check for typed numbers finds nothing.
    from laporan.pemeriksaan import periksa

    assert not [t for t in periksa(lap) if "diketik" in t.jenis.lower()]


def test_the_comparison_and_the_report_identity_are_in_the_xlsx(demo):
    from openpyxl import load_workbook

    from laporan.render import render_xlsx

    lap = build_laporan(Satker.objects.get(kode="1672"), 2025)
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    judul = [wb[n]["A1"].value for n in wb.sheetnames[1:]]
    nomor = lap.tabel["pembanding"].nomor
    assert f"Tabel {nomor} Capaian Dibandingkan dengan Satker Lain Tahun 2025" in judul
    ringkas = {r[0]: r[1] for r in wb["Laporan"].iter_rows(values_only=True) if r[0]}
    assert ringkas["Ditandatangani"] == "Ketua Ibrahim Putra"
    assert ringkas["Tanggal laporan"] == fmt.tanggal(lap.tanggal)


def test_participation_is_computed_from_the_voters_and_equals_the_seed(demo):
    """Pagar Alam's three participation rows take their realisasi from its voter data, which
    gives the 77% its 2024 report prints (fixtures/demo_2024.json keeps the printed value)."""
    import json

    from django.conf import settings

    from kinerja.nilai import parse_nilai

    data = json.loads((settings.BASE_DIR / "fixtures" / "demo_2024.json").read_text())
    (pk,) = [
        p
        for p in data["perjanjian"]
        if (p["satker"], p["tahun"], p["jenis"]) == ("1672", 2024, "KPU")
    ]
    tercetak = {b["no"]: b["realisasi"][0]["teks"] for b in pk["baris"]}
    lap = build_laporan(Satker.objects.get(kode="1672"), 2024)
    dihitung = {b.no: b for b in lap.semua_baris if b.dari_pemilu}
    assert sorted(dihitung) == ["2.1", "2.2", "2.3"]
    for no, b in dihitung.items():
        angka = parse_nilai(b.realisasi, jenis="PERSEN").angka
        assert angka == parse_nilai(tercetak[no], jenis="PERSEN").angka == 77, no
