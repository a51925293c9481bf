import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from rekap import selectors as rekap
from satker.models import Peran, Satker
from tests.factories import ProvinsiFactory, user_with_role
from tests.rekap.data import TAHUN, buat_provinsi, isi_satker

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_ri(personas):
    return user_with_role(Satker.objects.get(kode="RI"), Peran.Jenis.REVIEWER, "reviewer_ri")


def _url(nama, *args):
    return reverse(nama, args=args) + f"?tahun={TAHUN}"


HALAMAN_PROVINSI = [("rekap:provinsi", "16"), ("rekap:indikator", "16")]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("operator_a", 404),
        ("operator_b", 404),
        ("sekretaris_a", 404),
        ("ketua_a", 404),
        ("reviewer", 302),
        ("admin", 200),
        ("anonim", 302),
    ],
)
def test_nasional_access(client, personas, persona, status):
    user = personas.all()[persona]
    if user.is_authenticated:
        client.force_login(user)
    assert client.get(_url("rekap:nasional")).status_code == status


def test_nasional_sends_province_reviewer_to_its_province(client, personas):
    client.force_login(personas.reviewer)
    resp = client.get(_url("rekap:nasional"))
    assert resp["Location"] == _url("rekap:provinsi", "16")


def test_nasional_reviewer_ri(client, reviewer_ri):
    client.force_login(reviewer_ri)
    assert client.get(_url("rekap:nasional")).status_code == 200


@pytest.mark.parametrize("halaman", HALAMAN_PROVINSI)
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("operator_a", 404),
        ("operator_b", 404),
        ("sekretaris_a", 404),
        ("ketua_a", 404),
        ("reviewer", 200),
        ("admin", 200),
        ("anonim", 302),
    ],
)
def test_provinsi_access(client, personas, halaman, persona, status):
    user = personas.all()[persona]
    if user.is_authenticated:
        client.force_login(user)
    assert client.get(_url(*halaman)).status_code == status


@pytest.mark.parametrize("halaman", HALAMAN_PROVINSI)
def test_provinsi_reviewer_ri_and_other_province(client, personas, reviewer_ri, halaman):
    client.force_login(reviewer_ri)
    assert client.get(_url(*halaman)).status_code == 200
    lain = ProvinsiFactory(kode="17")
    client.force_login(personas.reviewer)
    assert client.get(_url(halaman[0], lain.kode)).status_code == 404
    assert client.get(_url(halaman[0], "1672")).status_code == 404  # not a province


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("operator_a", 200),
        ("operator_b", 404),
        ("sekretaris_a", 200),
        ("ketua_a", 200),
        ("reviewer", 200),
        ("admin", 200),
        ("anonim", 302),
    ],
)
def test_satker_access(client, personas, persona, status):
    isi_satker(personas.satker_a)
    user = personas.all()[persona]
    if user.is_authenticated:
        client.force_login(user)
    assert client.get(_url("rekap:satker", "1672")).status_code == status


def test_satker_page_is_read_only(client, personas):
    isi_satker(personas.satker_a)
    client.force_login(personas.reviewer)
    html = client.get(_url("rekap:satker", "1672")).content.decode()
    assert "Tampilan baca saja" in html
    utama = html[html.index("<main") : html.index("</main>")]
    assert 'method="post"' not in utama


def _jumlah_query(client, url):
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "url",
    [
        _url("rekap:nasional"),
        _url("rekap:nasional") + "&format=xlsx",
        _url("rekap:provinsi", "16"),
        _url("rekap:provinsi", "16") + "&format=xlsx&urut=serapan&status=terlambat",
        _url("rekap:indikator", "16"),
        _url("rekap:indikator", "16") + "&format=xlsx",
    ],
)
def test_fixed_queries_5_and_50_satker(client, personas, url):
    buat_provinsi(personas.provinsi, 5)
    client.force_login(personas.admin)
    lima = _jumlah_query(client, url)
    buat_provinsi(personas.provinsi, 45, mulai=5)
    assert Satker.objects.filter(induk=personas.provinsi).count() >= 50
    assert _jumlah_query(client, url) == lima
    assert lima <= 21  # computed by the reader here: 5 of them the fingerprints (rekap._sidik)


def test_rows_marked_and_ranked(client, personas):
    isi_satker(personas.satker_a, i=19)  # TW2 94% against 80%: above target
    isi_satker(personas.satker_b, i=0)  # 75% against 80%: below target
    client.force_login(personas.reviewer)
    html = client.get(_url("rekap:provinsi", "16")).content.decode()
    # ranked by capaian: Pagar Alam (117,50%) before Lubuk Linggau (93,75%)
    assert html.index("KPU Kota Pagar Alam") < html.index("KPU Kota Lubuk Linggau")
    assert "117,50%" in html and "93,75%" in html
    assert "Di bawah target" in html
    # the PK Sekretariat is a draft: every office is late at today's date
    assert "Terlambat" in html and "PK Sekretariat belum ditandatangani" in html


def test_late_depends_on_today(personas):
    isi_satker(personas.satker_a)
    kwargs = {"user": personas.admin, "tahun": TAHUN}
    (awal,) = [
        b
        for b in rekap.rekap_satker(**kwargs, today=dt.date(2024, 1, 10))
        if b.satker == personas.satker_a
    ]
    assert awal.terlambat == []
    (akhir,) = [
        b
        for b in rekap.rekap_satker(**kwargs, today=dt.date(2024, 10, 15))
        if b.satker == personas.satker_a
    ]
    assert "PK Sekretariat belum ditandatangani" in akhir.terlambat
    assert any("Triwulan III" in a for a in akhir.terlambat)
    assert not any("Triwulan II " in a for a in akhir.terlambat)


def test_status_filter_and_sort(client, personas):
    isi_satker(personas.satker_a, i=19)
    isi_satker(personas.satker_b, i=0)
    client.force_login(personas.reviewer)
    html = client.get(_url("rekap:provinsi", "16") + "&status=di-bawah-target").content.decode()
    assert "KPU Kota Lubuk Linggau" in html and "KPU Kota Pagar Alam</a>" not in html
    html = client.get(_url("rekap:provinsi", "16") + "&urut=capaian").content.decode()
    assert html.index("KPU Kota Lubuk Linggau") < html.index("KPU Kota Pagar Alam")


def test_figures_come_from_engine(personas):
    isi_satker(personas.satker_a, i=0)
    (b,) = rekap.rekap_satker(user=personas.admin, tahun=TAHUN, satker=personas.satker_a)
    # TW2 75% of 80% (agregasi terakhir) = 93,75 for every row
    assert str(b.capaian) == "93.75"
    assert b.kategori == "Sangat Baik"
    assert b.di_bawah_target == 4
    assert (b.anggaran.pagu, b.anggaran.realisasi, str(b.serapan)) == (
        200_000_000,
        90_000_000,
        "45.00",
    )
    assert [(k.terisi, k.jumlah) for k in b.kelengkapan] == [(4, 4), (4, 4), (0, 4), (0, 4)]
    assert b.status_laporan == "DRAFT" and not b.laporan_final


def test_xlsx_export(client, personas):
    isi_satker(personas.satker_a)
    client.force_login(personas.reviewer)
    resp = client.get(_url("rekap:provinsi", "16") + "&format=xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(resp.content)).active
    kepala = [c.value for c in ws[1]]
    assert "Serapan" in kepala and "Capaian rata-rata" in kepala
    baris = {r[0]: dict(zip(kepala, r, strict=True)) for r in ws.iter_rows(2, values_only=True)}
    assert baris["1672"]["Pagu"] == 200_000_000
    assert baris["1672"]["Serapan"] == 45.0


def test_indicator_view_ranks_and_charts(client, personas):
    isi_satker(personas.satker_a, i=19)
    isi_satker(personas.satker_b, i=0)
    client.force_login(personas.reviewer)
    pilihan = rekap.pilihan_indikator(
        user=personas.reviewer, tahun=TAHUN, provinsi=personas.provinsi
    )
    kunci = pilihan[0].kunci
    resp = client.get(_url("rekap:indikator", "16") + f"&indikator={kunci}")
    html = resp.content.decode()
    assert "<svg" in html and "<rect" in html
    baris = resp.context["baris"]
    assert [b.satker.kode for b, _ in baris][:1] in (["1672"], ["1674"])
    ws = load_workbook(
        BytesIO(
            client.get(_url("rekap:indikator", "16") + f"&indikator={kunci}&format=xlsx").content
        )
    ).active
    assert ws["A1"].value == pilihan[0].nama


def test_open_findings_from_report_checks(personas):
    from kinerja.models import BarisAnggaran
    from laporan.models import JustifikasiPemeriksaan

    isi_satker(personas.satker_a)

    def temuan():
        (b,) = rekap.rekap_satker(user=personas.admin, tahun=TAHUN, satker=personas.satker_a)
        return b.temuan

    assert temuan() == 0
    baris = BarisAnggaran.objects.filter(dipa__satker=personas.satker_a).first()
    BarisAnggaran.objects.filter(pk=baris.pk).update(realisasi=150_000_000)
    assert temuan() == 1  # realisasi above pagu
    lap = personas.satker_a.laporan.get()
    JustifikasiPemeriksaan.objects.create(
        laporan=lap, kunci=f"realisasi_melebihi_pagu:{baris.pk}", teks="Sudah dikoreksi SAKTI."
    )
    assert temuan() == 0


def test_national_shows_provinces_and_lists_satker_when_filtered(client, personas):
    isi_satker(personas.satker_a, i=19)
    isi_satker(personas.satker_b, i=0)
    client.force_login(personas.admin)
    html = client.get(_url("rekap:nasional")).content.decode()
    assert "KPU Provinsi Sumatera Selatan" in html  # one row per province, drill-down link
    assert reverse("rekap:provinsi", args=["16"]) in html
    assert "KPU Kota Pagar Alam" not in html
    html = client.get(_url("rekap:nasional") + "&provinsi=16").content.decode()
    assert "KPU Kota Pagar Alam" in html and "KPU Kota Lubuk Linggau" in html
    html = client.get(_url("rekap:nasional") + "&status=di-bawah-target").content.decode()
    assert "KPU Kota Lubuk Linggau" in html and "KPU Kota Pagar Alam</a>" not in html
    ws = load_workbook(BytesIO(client.get(_url("rekap:nasional") + "&format=xlsx").content)).active
    assert {"1672", "1674"} <= {r[0] for r in ws.iter_rows(2, values_only=True)}


def test_national_rekap_has_a_total_row_a_search_and_pages(client, personas):
    """The total row is computed from every indicator of the offices shown (not an average of
    the provinces' averages); the office list is searchable and comes in pages of 50."""
    sumsel = personas.provinsi
    buat_provinsi(sumsel, 3)
    sumut = ProvinsiFactory(kode="12", nama="KPU Provinsi Sumatera Utara")
    buat_provinsi(sumut, 55)
    client.force_login(personas.admin)
    url = _url("rekap:nasional")
    html = client.get(url).content.decode()
    semua = [b for b in rekap.rekap_satker(user=personas.admin, tahun=TAHUN) if b.satker.kode]
    total = rekap.total(semua)
    assert "Nasional</td>" in html
    kaki = html.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    assert f'<td class="num">{len(semua)}</td>' in kaki
    from common import format as fmt

    assert fmt.persen(total.ringkasan.rata_rata) in kaki
    assert fmt.rupiah(total.anggaran.pagu) in kaki

    html = client.get(url + "&provinsi=12").content.decode()
    assert "Halaman 1 dari 2" in html and "Nasional (sesuai saringan)" in html
    html = client.get(url + "&provinsi=12&hal=2").content.decode()
    assert '<td class="num">51</td>' in html  # numbering goes on across pages
    html = client.get(url + f"&q={sumsel.kode}10").content.decode()
    assert f"{sumsel.kode}10</span>" in html and f"{sumut.kode}10</span>" not in html
