"""A year of data with every sheet filled, and a helper to write workbooks by hand."""

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from kinerja.models import (
    AnggaranPK,
    Pemilihan,
    PemilihKecamatan,
    PerjanjianKinerja,
    Realisasi,
    RencanaAksi,
    TargetTriwulan,
)
from satker.models import Aset, Pegawai
from tests.factories import (
    BarisAnggaranFactory,
    BarisPKFactory,
    DipaFactory,
    KegiatanFactory,
    PejabatFactory,
    PerjanjianFactory,
    ProgramFactory,
    RevisiDipaFactory,
)


def buat_xlsx(sheets: dict[str, list[list]]) -> io.BytesIO:
    """A workbook with these sheets; each is a list of rows, the first row the headers."""
    buku = openpyxl.Workbook()
    buku.remove(buku.active)
    for nama, baris in sheets.items():
        ws = buku.create_sheet(nama)
        for b in baris:
            ws.append(b)
    f = io.BytesIO()
    buku.save(f)
    f.seek(0)
    return f


@pytest.fixture
def data_lengkap(personas):
    """Satker A in 2024: both PKs (the Sekretariat one signed), realisasi, budget, revisions."""
    a = personas.satker_a
    PejabatFactory(satker=a, nama="=Budi Santoso", jabatan="Ketua", nip="198001012005011001")
    PejabatFactory(satker=a, nama="Siti", jabatan="Sekretaris", divisi="@Sekretariat")
    kpu = PerjanjianFactory(satker=a, jenis="KPU", pihak_kedua_nama="Ketua Provinsi")
    contoh = [
        ("1", "77,5%", "%", "naik", "terakhir", ["20%", "40%", "60%", "77,5%"]),
        ("2", "10 kali", "kali", "turun", "kumulatif", ["2 kali", "3 kali", "", ""]),
        ("3", "B", "predikat", "naik", "terakhir", []),
        ("4", "WTP", "opini", "naik", "terakhir", []),
        ("5", "71,70", "indeks", "naik", "rata-rata", []),
        ("6", "Tercapai", "", "naik", "terakhir", []),
        ("7", "1.234.567", "orang", "naik", "terakhir", []),
    ]
    baris = {}
    for no, target, satuan, arah, agregasi, tw in contoh:
        b = BarisPKFactory(
            perjanjian=kpu,
            no=no,
            target=target,
            satuan=satuan,
            arah=arah,
            agregasi=agregasi,
            sasaran="=SUM(A1:A2) sasaran" if no == "1" else "Meningkatnya partisipasi",
            indikator="+62 indikator" if no == "2" else f"-indikator {no}",
        )
        baris[no] = b
        for i, t in enumerate(tw):
            if t:
                TargetTriwulan.objects.create(baris=b, periode=f"TW{i + 1}", teks=t)
    for periode, teks in (("TW1", "21,25%"), ("TW2", "45%"), ("TW3", "60,5 %"), ("TW4", "78%")):
        Realisasi.objects.create(
            baris=baris["1"], periode=periode, teks=teks, kendala="-", tindak_lanjut="=x"
        )
    Realisasi.objects.create(baris=baris["2"], periode="TW1", teks="3 kali", kendala="@rapat")
    Realisasi.objects.create(baris=baris["3"], periode="TAHUNAN", teks="BB")
    Realisasi.objects.create(baris=baris["4"], periode="TAHUNAN", teks="WTP")
    Realisasi.objects.create(baris=baris["6"], periode="TAHUNAN", teks="Belum tercapai")
    AnggaranPK.objects.create(perjanjian=kpu, program="076.01.WA", jumlah=2_880_554_000)
    AnggaranPK.objects.create(perjanjian=kpu, program="076.01.CQ", jumlah=1_000_000, urutan=1)

    sekretariat = PerjanjianFactory(
        satker=a,
        jenis="SEKRETARIAT",
        pihak_pertama_nama="Siti",
        pihak_pertama_jabatan="Sekretaris",
        pihak_kedua_nama="=Budi Santoso",
        pihak_kedua_jabatan="Ketua",
    )
    s1 = BarisPKFactory(perjanjian=sekretariat, no="1", target="2 laporan", satuan="laporan")
    BarisPKFactory(perjanjian=sekretariat, no="2.1", target="100%", satuan="%")
    Realisasi.objects.create(baris=s1, periode="TW1", teks="1 laporan")
    AnggaranPK.objects.create(perjanjian=sekretariat, program="076.01.WA", jumlah=500_000_000)
    PerjanjianKinerja.objects.filter(pk=sekretariat.pk).update(
        status="DITANDATANGANI", ditandatangani_pada=timezone.now()
    )

    wa = ProgramFactory()
    cq = ProgramFactory(kode="076.01.CQ", nama="Program Penyelenggaraan Pemilu")
    dipa = DipaFactory(satker=a)
    BarisAnggaranFactory(
        dipa=dipa, kegiatan=KegiatanFactory(program=wa), output_kode="EBA.994", urutan=0
    )
    BarisAnggaranFactory(
        dipa=dipa,
        kegiatan=KegiatanFactory(program=cq, kode="6709", nama="Perencanaan"),
        output_kode="QGE.001",
        output_nama="-output",
        akun_kode="521211",
        sumber="HIBAH",
        pagu=2_880_554_000,
        realisasi=2_000_000_000,
        per_tanggal=dt.date(2024, 12, 31),
        urutan=1,
    )
    BarisAnggaranFactory(
        dipa=dipa,
        kegiatan=KegiatanFactory(program=cq, kode="6709", nama="Perencanaan"),
        output_kode="",
        akun_kode="",
        urutan=2,
    )
    RevisiDipaFactory(dipa=dipa, label="DIPA Awal", tanggal=dt.date(2023, 12, 1))
    RevisiDipaFactory(dipa=dipa, label="Revisi 1", tanggal=dt.date(2024, 3, 5), pagu=1_200_000_000)
    # a Rencana Aksi on the signed PK Sekretariat and on the draft PK
    RencanaAksi.objects.create(baris=s1, kegiatan="=Rapat kerja", pelaksana="@Subbag", tw1=True)
    RencanaAksi.objects.create(baris=baris["1"], kegiatan="Sosialisasi", tw3=True, tw4=True)
    # the office profile and an election (issue 14): text that looks like a formula, counts
    Pegawai.objects.create(
        satker=a,
        tahun=2024,
        nama="=Ani",
        nip="198001012005012002",
        status="PNS",
        golongan="III/a",
        pendidikan="S1",
        jabatan="Kasubbag",
        unit="@Hukum",
    )
    Pegawai.objects.create(satker=a, tahun=2024, nama="Budi", status="PPPK", pendidikan="SMA")
    Aset.objects.create(
        satker=a,
        tahun=2024,
        jenis="RODA4",
        uraian="Mobil dinas",
        jumlah=2,
        satuan="unit",
        kondisi="RUSAK_RINGAN",
        nilai=450_000_000,
    )
    pemilihan = Pemilihan.objects.create(
        satker=a,
        tahun=2024,
        jenis="BUPATI",
        nama="Pemilihan Wali Kota 2024",
        tanggal=dt.date(2024, 11, 27),
        dpt_disabilitas=400,
        pengguna_disabilitas=308,
    )
    for i, (kec, laki, p) in enumerate((("Utara", 16_561, 16_133), ("Selatan", 18_215, 18_166))):
        PemilihKecamatan.objects.create(
            pemilihan=pemilihan,
            kecamatan=kec,
            desa=10,
            tps=70,
            dpt_l=laki,
            dpt_p=p,
            pengguna_l=laki // 2,
            pengguna_p=None if i else p // 2,
            urutan=i + 1,
        )
    return {"kpu": kpu, "sekretariat": sekretariat, "baris": baris, "dipa": dipa}
