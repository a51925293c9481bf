"""build_laporan: every figure comes from the engine, in a fixed number of queries."""

import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja import capaian as engine
from kinerja.models import RevisiDipa
from kinerja.selectors import kebijakan_untuk, pengukuran_pk, ringkasan_anggaran
from laporan.selectors import build_laporan
from tests.factories import BarisAnggaranFactory, BarisPKFactory, RealisasiFactory


def test_capaian_sama_dengan_engine(kantor):
    lap = build_laporan(kantor.satker, 2024)
    kebijakan = kebijakan_untuk(kantor.satker, 2024)
    for pk, data in ((kantor.pk_kpu, lap.pk[0]), (kantor.pk_sekretariat, lap.pk[1])):
        engine_rows = pengukuran_pk(pk, kebijakan)
        assert [b.capaian for b in data.baris] == [u.capaian.nilai for u in engine_rows]
        assert [b.kategori for b in data.baris] == [u.kategori for u in engine_rows]
    kpu = {b.no: b for b in lap.pk[0].baris}
    assert kpu["1"].capaian == Decimal("98.96")
    assert kpu["2"].capaian == Decimal("50.00")  # lower is better: 15 revisions against 10
    assert kpu["2"].rumus == engine.RumusTurun.SELISIH.label
    assert kpu["3"].capaian == Decimal("100.00")
    sek = {b.no: b for b in lap.pk[1].baris}
    assert sek["1"].capaian == Decimal("98.95")
    assert sek["2"].capaian is None and sek["2"].keterangan == engine.BELUM_ADA_REALISASI


def test_anggaran_sama_dengan_selector(kantor):
    lap = build_laporan(kantor.satker, 2024)
    r = ringkasan_anggaran(kantor.satker, 2024)
    assert lap.anggaran.total == r.total == engine.Total(1_200_000_000, 1_140_000_000)
    assert lap.anggaran.selisih_dipa == 0
    assert sorted(s for s, _ in lap.anggaran.per_sumber) == ["APBN", "Hibah (NPHD)"]
    assert lap.efisiensi[-1].serapan == Decimal("95.00")


def test_tahun_lalu_dan_target_renstra(kantor):
    lap = build_laporan(kantor.satker, 2024)
    assert lap.tahun_riwayat == [2023]
    (riwayat,) = lap.riwayat
    assert riwayat.tahun_lalu[0].capaian == Decimal("106.67")
    (progres,) = lap.progres
    assert (progres.tahun_akhir, progres.target_akhir, progres.capaian) == (
        2024,
        "80%",
        Decimal("95.25"),
    )


def test_tabel_bernomor_per_bab(kantor):
    lap = build_laporan(kantor.satker, 2024)
    nomor = {k: t.nomor for k, t in lap.tabel.items()}
    assert nomor["pejabat"] == "1.1"
    assert nomor["renstra"] == "2.1"
    assert nomor["ukur:KPU"] == "3.1" and nomor["ukur:SEKRETARIAT"] == "3.2"
    assert len(set(nomor.values())) == len(nomor)


def test_jumlah_query_tetap(kantor):
    build_laporan(kantor.satker, 2024)
    with CaptureQueriesContext(connection) as sedikit:
        build_laporan(kantor.satker, 2024)
    for i in range(10):
        b = BarisPKFactory(perjanjian=kantor.pk_kpu, no=f"9.{i}", urutan=10 + i)
        RealisasiFactory(baris=b)
        BarisAnggaranFactory(
            dipa=kantor.dipa, kegiatan=kantor.baris_wa.kegiatan, output_kode=f"X.{i}"
        )
    with CaptureQueriesContext(connection) as banyak:
        build_laporan(kantor.satker, 2024)
    assert len(banyak) == len(sedikit)


def test_an_election_grant_is_named_apart_in_the_budget_text(kantor):
    """BAB III B says what the pagu is made of when part of it is a grant (NPHD), and a DIPA
    that authorises only the APBN lines is not a discrepancy."""
    from laporan.render import render_html

    lap = build_laporan(kantor.satker, 2024)
    assert (lap.anggaran.apbn.pagu, lap.anggaran.hibah.pagu) == (200_000_000, 1_000_000_000)
    teks = " ".join(re.sub(r"<[^>]+>", " ", render_html(lap)).split())
    assert (
        "mengelola pagu sebesar Rp 1.200.000.000 (satu miliar dua ratus juta rupiah), terdiri "
        "atas APBN Rp 200.000.000 menurut revisi DIPA terakhir"
    ) in teks
    assert "dana hibah pemilihan dari pemerintah daerah (NPHD) Rp 1.000.000.000" in teks
    assert "Dana hibah pemilihan terealisasi Rp 950.000.000 (serapan 95,00%)" in teks
    RevisiDipa.objects.filter(dipa_id=lap.anggaran.dipa_id).update(pagu=200_000_000)
    assert build_laporan(kantor.satker, 2024).anggaran.selisih_dipa == 0
