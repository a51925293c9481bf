"""Workbook pages: access for every persona, and upload -> preview -> confirm in the browser."""

import io

import openpyxl
import pytest
from django.urls import reverse

from kinerja.models import Realisasi
from tests.workbook.conftest import buat_xlsx

REAL_KEPALA = ["satker", "tahun", "jenis", "no", "periode", "realisasi"]
PENULIS = {"operator_a", "operator_b", "sekretaris_a", "ketua_a", "admin"}
SEMUA = {"operator_a", "operator_b", "sekretaris_a", "ketua_a", "reviewer", "admin"}

# url name, args, personas that get 200; the other signed-in personas get `lain`.
MATRIKS = [
    ("workbook:beranda", [], SEMUA, None),
    ("workbook:template", [], SEMUA, None),
    ("workbook:unggah", [], PENULIS, 403),
    (
        "workbook:ekspor",
        ["1672", 2024],
        {"operator_a", "sekretaris_a", "ketua_a", "reviewer", "admin"},
        404,
    ),
    ("workbook:ekspor", ["9999", 2024], set(), 404),
    ("workbook:ekspor_provinsi", ["16", 2024], {"reviewer", "admin"}, 404),
    ("workbook:ekspor_provinsi", ["1672", 2024], set(), 404),
]


def _masuk(client, user):
    if user.is_authenticated:
        client.force_login(user)


@pytest.mark.parametrize("nama,args,boleh,lain", MATRIKS)
def test_matriks_akses(client, personas, nama, args, boleh, lain):
    url = reverse(nama, args=args)
    for persona, user in personas.all().items():
        client.logout()
        _masuk(client, user)
        r = client.get(url)
        if persona == "anonim":
            assert r.status_code == 302 and "/akun/masuk/" in r["Location"], persona
        elif persona in boleh:
            assert r.status_code == 200, persona
        else:
            assert r.status_code == lain, (persona, r.status_code)


def test_ekspor_provinsi_ditolak_untuk_operator_kantor_provinsi(client, personas):
    from satker.models import Peran
    from tests.factories import user_with_role

    user = user_with_role(personas.provinsi, Peran.Jenis.OPERATOR, "operator_provinsi")
    client.force_login(user)
    assert client.get(reverse("workbook:ekspor_provinsi", args=["16", 2024])).status_code == 403
    assert client.get(reverse("workbook:ekspor", args=["16", 2024])).status_code == 200


def test_pratinjau_dan_terapkan_akses(client, personas, data_lengkap):
    client.force_login(personas.operator_a)
    token = _unggah(client, [["1672", 2024, "KPU", "1", "TW1", "50%"]])
    url = reverse("workbook:pratinjau", args=[token])
    terapkan = reverse("workbook:terapkan", args=[token])
    for persona, user in personas.all().items():
        client.logout()
        _masuk(client, user)
        r = client.get(url)
        if persona == "anonim":
            assert r.status_code == 302
            assert client.post(terapkan).status_code == 302
        elif persona == "reviewer":
            assert r.status_code == 403
            assert client.post(terapkan).status_code == 403
        elif persona != "operator_a":
            assert r.status_code == 404, persona
            assert client.post(terapkan).status_code == 404, persona
    assert (
        Realisasi.objects.get(baris__no="1", periode="TW1", baris__perjanjian__jenis="KPU").teks
        == "21,25%"
    )


def _unggah(client, baris, nama="realisasi.xlsx"):
    f = buat_xlsx({"Realisasi": [REAL_KEPALA, *baris]})
    f.name = nama
    r = client.post(reverse("workbook:unggah"), {"berkas": f})
    assert r.status_code == 302, r.content.decode()[:2000]
    return r["Location"].rstrip("/").split("/")[-1]


def test_unggah_pratinjau_setujui(client, personas, data_lengkap, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.operator_a)
    token = _unggah(
        client, [["1672", 2024, "KPU", "1", "TW1", "50%"], ["1672", 2024, "KPU", "1", "TW2", "45%"]]
    )

    r = client.get(reverse("workbook:pratinjau", args=[token]))
    html = r.content.decode()
    assert "21,25%" in html and "→ 50%" in html
    assert "Simpan perubahan" in html
    laporan = r.context["laporan"]
    assert (laporan.sheets["Realisasi"].berubah, laporan.sheets["Realisasi"].tetap) == (1, 1)
    assert (
        Realisasi.objects.get(baris__no="1", periode="TW1", baris__perjanjian__jenis="KPU").teks
        == "21,25%"
    )

    r = client.post(reverse("workbook:terapkan", args=[token]), {"sidik": laporan.sidik})
    assert r.status_code == 302
    assert (
        Realisasi.objects.get(baris__no="1", periode="TW1", baris__perjanjian__jenis="KPU").teks
        == "50%"
    )
    assert not list(tmp_path.glob("tmp/workbook/*.xlsx"))
    assert client.get(reverse("workbook:pratinjau", args=[token])).status_code == 404


def test_data_berubah_setelah_pratinjau_tidak_disimpan(
    client, personas, data_lengkap, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.operator_a)
    token = _unggah(client, [["1672", 2024, "KPU", "1", "TW1", "50%"]])
    sidik = client.get(reverse("workbook:pratinjau", args=[token])).context["laporan"].sidik
    Realisasi.objects.filter(baris__no="1", periode="TW1").update(teks="30%")
    r = client.post(reverse("workbook:terapkan", args=[token]), {"sidik": sidik})
    assert r.status_code == 302 and r["Location"].endswith(f"/impor/{token}/")
    assert (
        Realisasi.objects.get(baris__no="1", periode="TW1", baris__perjanjian__jenis="KPU").teks
        == "30%"
    )


def test_pratinjau_menampilkan_setiap_galat(client, personas, data_lengkap, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.operator_a)
    token = _unggah(
        client, [["1672", 2024, "KPU", "1", "TW1", "B"], ["1674", 2024, "KPU", "1", "TW1", "5"]]
    )
    html = client.get(reverse("workbook:pratinjau", args=[token])).content.decode()
    assert "2 galat" in html and "Simpan perubahan" not in html
    assert "sedangkan indikator ini memakai persentase" in html
    assert "Satker &#x27;1674&#x27; tidak ditemukan atau tidak dapat Anda ubah." in html


@pytest.mark.parametrize(
    "isi,pesan",
    [
        (b"satker,tahun\n1672,2024\n", "bukan workbook Excel"),
        (b"PK\x03\x04rusak", "rusak"),
    ],
)
def test_berkas_salah_tidak_500(client, personas, settings, tmp_path, isi, pesan):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.operator_a)
    f = io.BytesIO(isi)
    f.name = "data.xlsx"
    r = client.post(reverse("workbook:unggah"), {"berkas": f}, follow=True)
    assert r.status_code == 200 and pesan in r.content.decode()


def test_berkas_terlalu_besar_ditolak_di_formulir(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MAX_UPLOAD_BYTES = 1000
    client.force_login(personas.operator_a)
    f = io.BytesIO(b"PK\x03\x04" + b"\0" * 2000)
    f.name = "besar.xlsx"
    r = client.post(reverse("workbook:unggah"), {"berkas": f})
    assert r.status_code == 200 and "terlalu besar" in r.content.decode()
    assert not list(tmp_path.glob("tmp/workbook/*"))


def test_template_berisi_judul_contoh_dan_pilihan(client, personas):
    client.force_login(personas.operator_a)
    r = client.get(reverse("workbook:template"))
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    buku = openpyxl.load_workbook(io.BytesIO(r.content))
    assert buku.sheetnames == [
        "Satker",
        "Pejabat",
        "PK",
        "PKAnggaran",
        "PKPihak",
        "Realisasi",
        "Anggaran",
        "RevisiDIPA",
        "PKIndikator",
        "RencanaAksi",
        "Pegawai",
        "Aset",
        "Pemilihan",
        "PemilihKecamatan",
        "TautanAnggaran",
        "OutputRO",
        "RealisasiRO",
        "RevisiDIPABaris",
        "Program",
        "Kegiatan",
        "Output",
        "Renstra",
        "Sasaran",
        "Indikator",
        "TargetNasional",
        "LKEInstrumen",
        "LKEKomponen",
        "LKESubkomponen",
        "LKEKriteria",
        "LKENilai",
        "LKEPredikat",
    ]
    pk = buku["PK"]
    assert [c.value for c in pk[1]][:4] == ["satker", "tahun", "jenis", "no"]
    assert pk.max_row == 2
    daftar = {dv.formula1 for ws in buku for dv in ws.data_validations.dataValidation}
    assert daftar == {
        '"RI,PROVINSI,KABUPATEN,KOTA"',
        '"KPU,SEKRETARIAT"',
        '"naik,turun"',
        '"terakhir,kumulatif,rata-rata"',
        '"TW1,TW2,TW3,TW4,TAHUNAN"',
        '"APBN,HIBAH"',
        '"ya,tidak"',
        '"SEMUA,PROVINSI,KABKOTA"',
        '"PERSEN,ANGKA,PREDIKAT,OPINI,TEKS"',
        '"PARTISIPASI,PEREMPUAN,DISABILITAS,PEMULA,AKIP"',
        '"YT,AE"',
        '"PK_TEPAT_WAKTU,TARGET_TRIWULAN,REALISASI_TRIWULAN,LKJIP_ADA,LKJIP_TEPAT_WAKTU,'
        'BANDING_TAHUN_LALU,TINDAK_LANJUT"',
        '"PNS,PPPK,PPNPN,LAINNYA"',
        '"SD,SMP,SMA,D3,D4,S1,S2,S3"',
        '"TANAH,BANGUNAN,RODA4,RODA2,LAINNYA"',
        '"BAIK,RUSAK_RINGAN,RUSAK_BERAT"',
        '"PEMILU,GUBERNUR,BUPATI,LAINNYA"',
    }


def test_ekspor_satker_lewat_formulir(client, personas, data_lengkap):
    client.force_login(personas.reviewer)
    r = client.get(reverse("workbook:beranda"), {"satker": "16", "tahun": 2024, "provinsi": "on"})
    assert r.status_code == 302
    r = client.get(r["Location"])
    buku = openpyxl.load_workbook(io.BytesIO(r.content))
    assert [row[0] for row in buku["Satker"].iter_rows(min_row=2, values_only=True)] == [
        "RI",
        "16",
        "1672",
        "1674",
    ]
    assert buku["Realisasi"].max_row == 10


def test_pratinjau_dibaca_sekali_lalu_disimpan(client, personas, data_lengkap, settings, tmp_path):
    """Reloading the preview shows the stored preview; the file is not parsed again."""
    import workbook.views

    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.operator_a)
    token = _unggah(client, [["1672", 2024, "KPU", "1", "TW1", "50%"]])
    panggilan = []
    asli = workbook.views.impor_workbook

    def hitung(*args, **kwargs):
        panggilan.append(kwargs.get("terapkan", False))
        return asli(*args, **kwargs)

    workbook.views.impor_workbook = hitung
    try:
        for _ in range(3):
            r = client.get(reverse("workbook:pratinjau", args=[token]))
            assert "→ 50%" in r.content.decode()
        assert panggilan == [False]
        sidik = r.context["laporan"].sidik
        r = client.post(reverse("workbook:terapkan", args=[token]), {"sidik": sidik})
        assert r.status_code == 302 and panggilan == [False, True]
    finally:
        workbook.views.impor_workbook = asli
