import io

from common.kunci import kunci_dilepas
from kinerja.models import (
    AnggaranPK,
    BarisAnggaran,
    BarisPK,
    Realisasi,
    RevisiDipa,
    TargetTriwulan,
)
from satker.models import Pejabat, Satker
from workbook.exporter import ekspor_workbook
from workbook.importer import impor_workbook

MODEL = (Satker, Pejabat, BarisPK, TargetTriwulan, AnggaranPK, Realisasi, BarisAnggaran, RevisiDipa)


def _jumlah_riwayat():
    return {m.__name__: m.history.count() for m in MODEL}


def _ekspor(satker, tahun=2024):
    f = io.BytesIO()
    ekspor_workbook(satker, tahun, f)
    f.seek(0)
    return f


def test_ekspor_lalu_impor_tidak_mengubah_apa_pun(personas, data_lengkap):
    f = _ekspor(Satker.objects.filter(pk=personas.satker_a.pk))
    riwayat = _jumlah_riwayat()

    laporan = impor_workbook(f, user=personas.operator_a, nama_berkas="a.xlsx", terapkan=True)

    assert not laporan.galat, laporan.teks()
    assert not laporan.ada_perubahan, laporan.teks()
    tetap = {nama: s.tetap for nama, s in laporan.sheets.items()}
    assert tetap == {
        "Satker": 3,  # with its province and KPU RI, which it may not write but sends unchanged
        "Pejabat": 2,
        "PK": 9,
        "PKAnggaran": 3,
        "PKPihak": 2,
        "Realisasi": 9,
        "Anggaran": 3,
        "RevisiDIPA": 2,
        "PKIndikator": 9,
        "RencanaAksi": 2,
        "Pegawai": 2,
        "Aset": 1,
        "Pemilihan": 1,
        "PemilihKecamatan": 2,
        "TautanAnggaran": 0,
        "OutputRO": 0,
        "RealisasiRO": 0,
        "RevisiDIPABaris": 0,
    }
    assert _jumlah_riwayat() == riwayat


def _isi(f):
    import openpyxl

    f.seek(0)
    buku = openpyxl.load_workbook(f)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in buku}


def test_impor_ke_basis_data_kosong_memberi_data_yang_sama(personas, data_lengkap):
    satker = Satker.objects.filter(pk=personas.satker_a.pk)
    awal = _ekspor(satker)
    with kunci_dilepas("uji: basis data kosong"):  # the signed PK goes too
        data_lengkap["kpu"].delete()
        data_lengkap["sekretariat"].delete()
        data_lengkap["dipa"].delete()
        Pejabat.objects.all().delete()

    laporan = impor_workbook(awal, user=personas.admin, terapkan=True)

    assert not laporan.galat, laporan.teks()
    assert laporan.sheets["PK"].baru == 9
    assert laporan.sheets["Realisasi"].baru == 9
    assert _isi(_ekspor(satker)) == _isi(awal)
    awal.seek(0)
    kedua = impor_workbook(awal, user=personas.admin, terapkan=True)
    assert not kedua.ada_perubahan and not kedua.galat


def test_ekspor_provinsi_berisi_semua_satker_provinsi(personas, data_lengkap):
    from workbook.exporter import ekspor_workbook as ekspor

    f = io.BytesIO()
    provinsi = personas.provinsi
    ekspor(Satker.objects.filter(pk=provinsi.pk) | provinsi.anak.all(), 2024, f)
    isi = _isi(f)
    assert [r[0] for r in isi["Satker"][1:]] == ["RI", "16", "1672", "1674"]
    assert isi["Satker"][0] == ["kode", "nama", "tingkat", "induk", "alamat", "kota"]


def test_teks_berbahaya_diekspor_dengan_apostrof(personas, data_lengkap):
    isi = _isi(_ekspor(Satker.objects.filter(pk=personas.satker_a.pk)))
    sasaran = [r[4] for r in isi["PK"][1:]]
    assert "'=SUM(A1:A2) sasaran" in sasaran
    semua = [v for rows in isi.values() for r in rows for v in r if isinstance(v, str)]
    assert not [v for v in semua if v.startswith(("=", "+", "-", "@"))]


def test_ekspor_uang_bilangan_bulat_dan_tanggal(personas, data_lengkap):
    import datetime as dt

    isi = _isi(_ekspor(Satker.objects.filter(pk=personas.satker_a.pk)))
    hibah = next(r for r in isi["Anggaran"][1:] if r[9] == "HIBAH")
    assert hibah[10] == 2_880_554_000 and isinstance(hibah[10], int)
    assert hibah[12].date() == dt.date(2024, 12, 31)


def test_reviewer_ekspor_provinsi_diubah_lalu_diimpor_hanya_angka_itu_yang_berubah(
    client, personas, data_lengkap
):
    import openpyxl
    from django.urls import reverse

    client.force_login(personas.reviewer)
    r = client.get(reverse("workbook:ekspor_provinsi", args=["16", 2024]))
    buku = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = buku["Anggaran"]
    kepala = [c.value for c in ws[1]]
    baris = next(
        row for row in ws.iter_rows(min_row=2) if row[kepala.index("sumber")].value == "HIBAH"
    )
    baris[kepala.index("realisasi")].value = 2_500_000_000
    ws = buku["Realisasi"]
    baris = next(
        row for row in ws.iter_rows(min_row=2) if row[4].value == "TAHUNAN" and row[5].value == "BB"
    )
    baris[5].value = "A"
    f = io.BytesIO()
    buku.save(f)
    f.seek(0)
    sebelum = _jumlah_riwayat()

    laporan = impor_workbook(f, user=personas.admin, terapkan=True)

    assert not laporan.galat, laporan.teks()
    ubah = [
        (p.sheet, p.kolom, p.lama, p.baru) for s in laporan.sheets.values() for p in s.perubahan
    ]
    assert ubah == [
        ("Realisasi", "realisasi", "BB", "A"),
        ("Anggaran", "realisasi", "2.000.000.000", "2.500.000.000"),
    ]
    assert not any(s.baru for s in laporan.sheets.values())
    sesudah = _jumlah_riwayat()
    assert {k: sesudah[k] - sebelum[k] for k in sesudah if sesudah[k] != sebelum[k]} == {
        "Realisasi": 1,
        "BarisAnggaran": 1,
    }
