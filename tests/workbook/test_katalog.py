"""The further sheets of docs/workbook.md: the national catalogue (Program, Kegiatan, Output,
Renstra, Sasaran, Indikator, TargetNasional), maintained by KPU RI, and PKIndikator, the link of
each PK row to it."""

from kinerja import models as km
from tests.factories import BarisPKFactory, PerjanjianFactory, tandatangani
from tests.workbook.conftest import buat_xlsx
from workbook.importer import KATALOG_HANYA_ADMIN, impor_workbook

INDIKATOR = [
    "renstra", "sasaran", "kode", "nama", "tingkat", "satuan", "jenis_nilai", "arah", "agregasi",
    "definisi", "formula", "sumber_data",
]  # fmt: skip


def _katalog_baru():
    return buat_xlsx(
        {
            "Sasaran": [
                ["renstra", "kode", "nama", "pk"],
                [2025, "SS25.11", "Sasaran baru", "KPU"],
            ],
            "Indikator": [
                INDIKATOR,
                [
                    2025,
                    "SS25.11",
                    "IK25.99",
                    "Indeks kepuasan layanan",
                    "",
                    "indeks",
                    "ANGKA",
                    "",
                    "",
                    "Survei",
                    "",
                    "Survei kepuasan",
                ],
            ],  # fmt: skip
            "TargetNasional": [
                ["renstra", "indikator", "tahun", "target"],
                [2025, "IK25.99", 2026, "3,5"],
                [2025, "IK4.4", 2026, "83%"],
            ],
        }
    )


def test_kpu_ri_extends_the_catalogue_by_workbook(personas):
    lap = impor_workbook(_katalog_baru(), user=personas.admin, terapkan=True)
    assert not lap.galat, lap.teks()
    ik = km.IndikatorKinerja.objects.get(kode="IK25.99")
    assert (ik.sasaran.kode, ik.sasaran.jenis_pk, ik.jenis_nilai, ik.arah) == (
        "SS25.11",
        "KPU",
        "ANGKA",
        "naik",
    )
    assert ik.target.get(tahun=2026).target_angka == 3.5
    partisipasi = km.TargetRenstra.objects.get(
        indikator__kode="IK4.4", indikator__sasaran__renstra__tahun_awal=2025, tahun=2026
    )
    assert (
        partisipasi.target == "83%" and partisipasi.history.first().history_user == personas.admin
    )


def test_an_office_cannot_change_the_catalogue_but_may_send_it_unchanged(personas):
    lap = impor_workbook(_katalog_baru(), user=personas.operator_a, terapkan=True)
    # The new sasaran is refused, so its indicator and target have nothing to hang off.
    assert [g.pesan for g in lap.galat][0] == KATALOG_HANYA_ADMIN
    assert "Sasaran SS25.11 tidak ada di katalog; tambahkan di sheet Sasaran." in lap.teks()
    assert not km.IndikatorKinerja.objects.filter(kode="IK25.99").exists()
    sama = buat_xlsx({"Program": [["kode", "nama"], ["076.01.WA", "Program Dukungan Manajemen"]]})
    lap = impor_workbook(sama, user=personas.operator_a)
    assert not lap.galat and lap.sheets["Program"].tetap == 1


def test_catalogue_rows_are_checked(personas):
    f = buat_xlsx(
        {
            "Indikator": [
                INDIKATOR,
                [2025, "SS-TIDAK-ADA", "IK-X", "Nama", "", "%", "PERSEN", "", "", "", "", ""],
                [2025, "SS25.2", "IK-Y", "Nama", "", "%", "HURUF", "", "", "", "", ""],
            ],
            "TargetNasional": [
                ["renstra", "indikator", "tahun", "target"],
                [2025, "IK4.4", 2031, "80%"],
                [2025, "IK3.15", 2026, "80%"],
            ],
        }
    )
    lap = impor_workbook(f, user=personas.admin, terapkan=True)
    pesan = {(g.sheet, g.baris, g.kolom): g.pesan for g in lap.galat}
    assert "Sasaran SS-TIDAK-ADA tidak ada" in pesan[("Indikator", 2, "sasaran")]
    assert "HURUF" in pesan[("Indikator", 3, "jenis_nilai")]
    assert "di luar periode Renstra 2025-2029" in pesan[("TargetNasional", 2, "tahun")]
    assert ("TargetNasional", 3, "target") in pesan  # a percentage for a predicate
    assert not km.IndikatorKinerja.objects.filter(kode__in=["IK-X", "IK-Y"]).exists()


def _pk_ttd(personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2025, jenis="KPU")
    BarisPKFactory(perjanjian=pk, no="1", indikator="Jumlah sosialisasi", target="12")
    BarisPKFactory(perjanjian=pk, no="2", indikator="Partisipasi", target="80%")
    return tandatangani(pk)


def _pk_indikator(*baris):
    kepala = ["satker", "tahun", "jenis", "no", "indikator_kode", "lokal"]
    return buat_xlsx({"PKIndikator": [kepala, *baris]})


def test_an_office_links_its_signed_rows_by_workbook(personas):
    pk = _pk_ttd(personas)
    f = _pk_indikator(
        ["1672", 2025, "KPU", "1", "", "ya"], ["1672", 2025, "KPU", "2", "IK4.4", "tidak"]
    )
    lap = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert not lap.galat, lap.teks()
    baris = {b.no: b for b in pk.baris.select_related("indikator_kinerja")}
    assert baris["1"].lokal and baris["1"].indikator_kinerja is None
    assert baris["2"].indikator_kinerja.kode == "IK4.4"
    assert baris["2"].target == "80%"  # nothing that was signed changed
    lap = impor_workbook(f, user=personas.operator_a)
    assert not lap.ada_perubahan


def test_pk_links_are_checked_and_scoped(personas):
    _pk_ttd(personas)
    f = _pk_indikator(
        ["1672", 2025, "KPU", "1", "IK1.1", "tidak"],  # a 2020-2024 code in 2025
        ["1672", 2025, "KPU", "2", "IK4.4", "ya"],
        ["1672", 2025, "KPU", "9", "IK4.4", ""],
    )
    lap = impor_workbook(f, user=personas.operator_a, terapkan=True)
    pesan = {(g.baris, g.kolom): g.pesan for g in lap.galat}
    assert (
        "tidak ada di Renstra nasional yang berlaku untuk tahun 2025"
        in pesan[(2, "indikator_kode")]
    )
    assert "bukan indikator lokal" in pesan[(3, "lokal")]
    assert "tidak ada" in pesan[(4, "no")]
    lap = impor_workbook(
        _pk_indikator(["1672", 2025, "KPU", "2", "IK4.4", ""]), user=personas.operator_b
    )
    assert lap.galat and "tidak dapat Anda ubah" in lap.galat[0].pesan
    assert not km.BarisPK.objects.filter(indikator_kinerja__isnull=False).exists()


def test_new_pk_rows_are_linked_by_their_wording(personas):
    kepala = ["satker", "tahun", "jenis", "no", "sasaran", "indikator", "target"]
    f = buat_xlsx(
        {
            "PK": [
                kepala,
                [
                    "1672",
                    2026,
                    "SEKRETARIAT",
                    "1",
                    "Terwujudnya Data Pemilih secara Berkelanjutan",
                    "Persentase ketepatan waktu KPU Kota Pagar Alam dalam pemutakhiran "
                    "Data Pemilih",
                    "100%",
                ],
                ["1672", 2026, "SEKRETARIAT", "2", "Lain", "Jumlah kunjungan kerja", "4 kali"],
            ]
        }
    )
    lap = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert not lap.galat, lap.teks()
    kode = dict(
        km.BarisPK.objects.filter(perjanjian__tahun=2026).values_list(
            "no", "indikator_kinerja__kode"
        )
    )
    assert kode == {"1": "IK5.1", "2": None}


def test_an_unknown_output_code_is_added_to_the_catalogue_with_a_warning(personas):
    kepala = [
        "satker",
        "tahun",
        "program_kode",
        "kegiatan_kode",
        "output_kode",
        "pagu",
        "realisasi",
    ]
    f = buat_xlsx(
        {
            "Anggaran": [
                kepala,
                ["1672", 2026, "076.01.WA", "3360", "EBA.994", 100, 0],
                ["1672", 2026, "076.01.WA", "3360", "EBA.999", 100, 0],
            ]
        }
    )
    lap = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert not lap.galat, lap.teks()
    assert [p.pesan for p in lap.peringatan if "EBA.999" in p.pesan]
    assert km.Output.objects.get(kode="EBA.999").nama == "EBA.999"
    nama = dict(km.BarisAnggaran.objects.values_list("output_kode", "output_nama"))
    assert nama == {"EBA.994": "Layanan Perkantoran", "EBA.999": ""}
