"""The national catalogue: shipped with every installation, PKs built from it, rows linked to it
(also on a signed PK, where nothing else may change)."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from kinerja import models as km
from kinerja import services
from kinerja.katalog import teks_umum, teks_untuk_satker
from tests.factories import BarisPKFactory, PerjanjianFactory, tandatangani

KATALOG = json.loads((Path(settings.BASE_DIR) / "fixtures" / "katalog.json").read_text())


def test_a_migrated_database_knows_the_catalogue(db):
    """Every code and indicator of fixtures/katalog.json is in a freshly migrated database."""
    kegiatan = {(k.program.kode, k.kode): k.nama for k in km.Kegiatan.objects.all()}
    for p in KATALOG["program"]:
        assert km.Program.objects.get(kode=p["kode"]).nama == p["nama"]
        for k in p["kegiatan"]:
            assert kegiatan[(p["kode"], k["kode"])] == k["nama"]
            assert sorted(
                km.Output.objects.filter(kegiatan__kode=k["kode"]).values_list("kode", "nama")
            ) == [tuple(o) for o in k["output"]]
    for r in KATALOG["renstra"]:
        renstra = km.Renstra.objects.get(satker=None, tahun_awal=r["tahun_awal"])
        kode = sorted(i["kode"] for s in r["sasaran"] for i in s["indikator"])
        assert (
            sorted(
                km.IndikatorKinerja.objects.filter(sasaran__renstra=renstra).values_list(
                    "kode", flat=True
                )
            )
            == kode
        )
    partisipasi = km.TargetRenstra.objects.get(
        indikator__kode="IK4.4", indikator__sasaran__renstra__tahun_awal=2025, tahun=2026
    )
    assert partisipasi.target == "82,5%" and str(partisipasi.target_angka) == "82.5000"


def test_the_catalogue_is_not_overwritten_by_the_next_migration(db):
    from django.apps import apps as global_apps

    from kinerja.katalog import pasang_katalog

    km.Program.objects.filter(kode="076.01.WA").update(nama="Nama dari KPU RI")
    ik = km.IndikatorKinerja.objects.get(kode="IK4.2", sasaran__renstra__tahun_awal=2025)
    ik.delete()
    assert sum(pasang_katalog(global_apps).values()) == 0
    assert km.Program.objects.get(kode="076.01.WA").nama == "Nama dari KPU RI"
    assert not km.IndikatorKinerja.objects.filter(pk=ik.pk).exists()


@pytest.mark.parametrize(
    ("nama", "tingkat", "katalog", "pk"),
    [
        (
            "KPU Kabupaten Rejang Lebong",
            "KABUPATEN",
            "Persentase ketepatan waktu KPU Kabupaten/Kota dalam pemutakhiran Data Pemilih",
            "Persentase ketepatan waktu KPU Kabupaten Rejang Lebong dalam pemutakhiran Data "
            "Pemilih",
        ),
        (
            "KPU Provinsi Bengkulu",
            "PROVINSI",
            "Nilai Evaluasi atas Akuntabilitas Kinerja KPU Provinsi",
            "Nilai Evaluasi atas Akuntabilitas Kinerja KPU Provinsi Bengkulu",
        ),
    ],
)
def test_catalogue_wording_is_put_into_the_office_and_back(nama, tingkat, katalog, pk):
    assert teks_untuk_satker(katalog, nama, tingkat) == pk
    assert teks_umum(pk, nama, tingkat) == teks_umum(katalog, "", "")


def test_a_pk_is_built_from_the_catalogue_for_its_office(personas):
    pk = services.perjanjian_create(
        satker=personas.satker_a, tahun=2026, jenis="KPU", sumber="renstra", by=personas.ketua_a
    )
    baris = list(pk.baris.select_related("indikator_kinerja").order_by("urutan"))
    # The three sasaran of the PK KPU (SS25.1-3): 6 + 5 + 2 indicators, numbered per sasaran.
    assert [b.no for b in baris] == [
        *(f"1.{i}" for i in range(1, 7)),
        *(f"2.{i}" for i in range(1, 6)),
        "3.1",
        "3.2",
    ]
    jadwal = next(b for b in baris if b.indikator_kinerja.kode == "IK5.2")
    assert jadwal.indikator.startswith("Persentase KPU Kota Pagar Alam yang menyelenggarakan")
    assert {b.indikator_kinerja.sasaran.jenis_pk for b in baris} == {"KPU"}
    partisipasi = next(b for b in baris if b.indikator_kinerja.kode == "IK4.4")
    assert (partisipasi.target, partisipasi.jenis_nilai) == ("82,5%", "PERSEN")
    sekretariat = services.perjanjian_create(
        satker=personas.satker_a,
        tahun=2026,
        jenis="SEKRETARIAT",
        sumber="renstra",
        by=personas.ketua_a,
    )
    assert sekretariat.baris.count() == 9


def _baris_ttd(personas, indikator="Persentase partisipasi pemilih perempuan dalam Pemilu"):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2024, jenis="KPU")
    baris = BarisPKFactory(perjanjian=pk, indikator=indikator, target="77%")
    tandatangani(pk)
    return km.BarisPK.objects.get(pk=baris.pk)


def test_a_signed_row_can_be_linked_and_nothing_else_changes(personas):
    baris = _baris_ttd(personas)
    ik = km.IndikatorKinerja.objects.get(kode="IK4.2", sasaran__renstra__tahun_awal=2020)
    services.baris_link(baris=baris, indikator=ik, by=personas.admin)
    baris.refresh_from_db()
    assert baris.indikator_kinerja == ik
    assert baris.history.first().history_change_reason == "Dihubungkan ke katalog"
    services.baris_link(baris=baris, indikator=None, lokal=True, by=personas.operator_a)
    baris.refresh_from_db()
    assert (baris.indikator_kinerja, baris.lokal) == (None, True)
    # The ORM's bulk update of the link passes; of anything else with it, does not.
    km.BarisPK.objects.filter(pk=baris.pk).update(indikator_kinerja=ik, lokal=False)
    with pytest.raises(ValidationError, match="terkunci"):
        km.BarisPK.objects.filter(pk=baris.pk).update(indikator_kinerja=None, target="1%")
    baris.refresh_from_db()
    baris.target = "1%"
    with pytest.raises(ValidationError, match="terkunci"):
        baris.save(update_fields=["target", "indikator_kinerja"])


def test_the_database_lets_only_the_link_of_a_signed_row_change(personas):
    baris = _baris_ttd(personas)
    ik = km.IndikatorKinerja.objects.get(kode="IK4.2", sasaran__renstra__tahun_awal=2020)
    with connection.cursor() as c:
        c.execute(
            "UPDATE kinerja_barispk SET indikator_kinerja_id = %s, lokal = %s WHERE id = %s",
            [ik.pk, False, baris.pk],
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            c.execute(
                "UPDATE kinerja_barispk SET indikator_kinerja_id = NULL, target = '1%%' "
                "WHERE id = %s",
                [baris.pk],
            )
    baris.refresh_from_db()
    assert (baris.indikator_kinerja, baris.target) == (ik, "77%")


def test_linking_is_checked_and_scoped(personas):
    baris = _baris_ttd(personas)
    with pytest.raises(PermissionDenied):
        services.baris_link(baris=baris, indikator=None, lokal=True, by=personas.operator_b)
    lain = km.IndikatorKinerja.objects.get(kode="IK4.2", sasaran__renstra__tahun_awal=2025)
    with pytest.raises(ValidationError, match="bukan bagian dari Renstra"):
        services.baris_link(baris=baris, indikator=lain, by=personas.admin)
    baris.refresh_from_db()
    assert baris.indikator_kinerja is None


def test_rows_are_linked_by_their_wording_never_by_a_guess(personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2024, jenis="KPU")
    teks = {
        "1": "Persentase Partisipasi Pemilih Perempuan dalam Pemilu/Pemilihan di Kota Pagar Alam.",
        "2": "Persentase KPU Kota Pagar Alam yang memuktahirkan Data Pemilih tepat waktu",
        "3": "Persentase partisipasi pemilih",  # not close enough to any: not linked
        "4": "Jumlah sosialisasi tatap muka",
    }
    baris = [
        BarisPKFactory(perjanjian=pk, no=no, indikator=t, target="1%") for no, t in teks.items()
    ]
    assert services.baris_link_auto(baris) == 2
    kode = {
        b.no: b.indikator_kinerja and b.indikator_kinerja.kode
        for b in km.BarisPK.objects.filter(perjanjian=pk)
    }
    assert kode == {"1": "IK4.2", "2": "IK5.1", "3": None, "4": None}


@pytest.mark.parametrize(
    ("target", "nasional", "arah", "di_bawah"),
    [
        ("80%", "82,5%", "naik", True),
        ("82,5%", "82,5%", "naik", False),
        ("85%", "82,5%", "naik", False),
        ("0,2%", "0,1%", "turun", True),  # more voters left out than nationally allowed
        ("0,08%", "0,1%", "turun", False),
        ("BB", "B", "naik", False),
        ("C", "B", "naik", True),
        ("WTP", "WTP", "naik", False),
    ],
)
def test_a_regional_target_below_the_national_one(target, nasional, arah, di_bawah):
    from kinerja.capaian import di_bawah_target_nasional
    from kinerja.nilai import jenis_target

    assert (
        di_bawah_target_nasional(jenis_target(target)[1], jenis_target(nasional)[1], arah=arah)
        is di_bawah
    )


def test_the_pk_page_shows_what_to_check_before_signing(client, personas):
    pk = services.perjanjian_create(
        satker=personas.satker_a, tahun=2026, jenis="KPU", sumber="renstra", by=personas.ketua_a
    )
    baris = {b.indikator_kinerja.kode: b for b in pk.baris.select_related("indikator_kinerja")}
    for kode, target in (("IK4.4", "80%"), ("IK25.05", "0,2%"), ("IK4.2", "90%")):
        services.baris_save(
            perjanjian=pk, baris=baris[kode], data={"target": target}, by=personas.operator_a
        )
    BarisPKFactory(perjanjian=pk, no="9", indikator="Jumlah kunjungan kerja", target="4")
    client.force_login(personas.ketua_a)
    html = client.get(reverse("kinerja:pk_detail", args=[pk.pk])).content.decode()
    assert "Periksa sebelum ditandatangani" in html
    assert "target 80% di bawah target nasional 82,5% (IK4.4, 2026)" in html
    assert "target 0,2% di bawah target nasional 0,1% (IK25.05, 2026)" in html
    assert "IK4.2, 2026" not in html  # 90% is above the national 85%
    assert "Baris 9 belum terhubung ke katalog nasional" in html
    tandatangani(pk)
    html = client.get(reverse("kinerja:pk_detail", args=[pk.pk])).content.decode()
    assert "Periksa sebelum ditandatangani" not in html
