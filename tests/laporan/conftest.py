"""A small but complete satker-year for the report tests: office A of the personas, 2024.

Both PKs (with a lower-is-better indicator, a grade, and one row without realisasi), a previous
year linked to the same Renstra indicator, a Renstra end target, a DIPA whose lines add up to its
latest revision. Tests add the defect they want a check to find.
"""

import datetime as dt
from dataclasses import dataclass

import pytest

from kinerja import models as km
from satker.models import Pejabat, Satker
from tests.factories import (
    BarisAnggaranFactory,
    BarisPKFactory,
    DipaFactory,
    KegiatanFactory,
    PerjanjianFactory,
    ProgramFactory,
    RealisasiFactory,
    RevisiDipaFactory,
)


@dataclass
class Kantor:
    satker: Satker
    pk_kpu: km.PerjanjianKinerja
    pk_sekretariat: km.PerjanjianKinerja
    kosong: km.BarisPK
    dipa: km.Dipa
    baris_wa: km.BarisAnggaran
    baris_cq: km.BarisAnggaran


def isi_kantor(satker: Satker, tahun: int = 2024) -> Kantor:
    Pejabat.objects.create(satker=satker, nama="Ibrahim Putra", jabatan="Ketua")
    Pejabat.objects.create(satker=satker, nama="Sekretaris Uji", jabatan="Sekretaris")
    # The national Renstra 2020-2024 of the catalogue, with a test sasaran added.
    renstra = km.Renstra.objects.get(satker=None, tahun_awal=2020)
    renstra.visi, renstra.misi = "Menjadi penyelenggara Pemilu yang mandiri", "Misi satu\nMisi dua"
    renstra.save()
    sasaran = km.SasaranStrategis.objects.create(
        renstra=renstra, kode="S-UJI", nama="Meningkatnya partisipasi pemilih"
    )
    ik = km.IndikatorKinerja.objects.create(
        sasaran=sasaran, kode="IK-UJI", nama="Persentase partisipasi pemilih", jenis_nilai="PERSEN"
    )
    km.TargetRenstra.objects.create(indikator=ik, tahun=2024, target="80%")
    km.TargetRenstra.objects.create(indikator=ik, tahun=2023, target="75%")

    lalu = PerjanjianFactory(
        satker=satker, tahun=tahun - 1, jenis="KPU", tanggal=dt.date(tahun - 1, 1, 10)
    )
    b = BarisPKFactory(
        perjanjian=lalu,
        no="1",
        indikator="Persentase partisipasi pemilih",
        target="75%",
        indikator_kinerja=ik,
    )
    RealisasiFactory(baris=b, periode="TW4", teks="80%")

    kpu = PerjanjianFactory(
        satker=satker,
        tahun=tahun,
        jenis="KPU",
        pihak_pertama_nama="Ibrahim Putra",
        pihak_pertama_jabatan="Ketua KPU Kota Pagar Alam",
        tanggal=dt.date(tahun, 1, 31),
    )
    b1 = BarisPKFactory(
        perjanjian=kpu,
        no="1",
        urutan=1,
        indikator="Persentase partisipasi pemilih",
        target="77%",
        indikator_kinerja=ik,
    )
    RealisasiFactory(baris=b1, periode="TW4", teks="76,2%")
    b2 = BarisPKFactory(
        perjanjian=kpu,
        no="2",
        urutan=2,
        sasaran="Terwujudnya tata kelola anggaran",
        indikator="Jumlah revisi DIPA",
        target="10 kali",
        satuan="kali",
        arah="turun",
    )
    RealisasiFactory(baris=b2, periode="TAHUNAN", teks="15 kali")
    b3 = BarisPKFactory(
        perjanjian=kpu,
        no="3",
        urutan=3,
        sasaran="Terwujudnya tata kelola anggaran",
        indikator="Nilai Akuntabilitas Kinerja",
        target="B",
        satuan="",
    )
    RealisasiFactory(baris=b3, periode="TAHUNAN", teks="BB")
    km.AnggaranPK.objects.create(
        perjanjian=kpu, program="Program Dukungan Manajemen", jumlah=200_000_000
    )

    sek = PerjanjianFactory(
        satker=satker,
        tahun=tahun,
        jenis="SEKRETARIAT",
        pihak_pertama_nama="Sekretaris Uji",
        pihak_pertama_jabatan="Sekretaris",
        pihak_kedua_nama="Ibrahim Putra",
        pihak_kedua_jabatan="Ketua",
        tanggal=dt.date(tahun, 1, 31),
    )
    s1 = BarisPKFactory(
        perjanjian=sek,
        no="1",
        urutan=1,
        sasaran="Terlaksananya pelaporan keuangan",
        indikator="Persentase laporan keuangan tepat waktu",
        target="95%",
    )
    RealisasiFactory(baris=s1, periode="TW4", teks="94%")
    kosong = BarisPKFactory(
        perjanjian=sek,
        no="2",
        urutan=2,
        sasaran="Terlaksananya pelaporan keuangan",
        indikator="Opini BPK atas laporan keuangan",
        target="WTP",
        satuan="",
    )

    dipa = DipaFactory(satker=satker, tahun=tahun, nomor="SP DIPA-076.01.2.123456/2024")
    RevisiDipaFactory(
        dipa=dipa,
        label="DIPA Awal",
        tanggal=dt.date(tahun - 1, 11, 24),
        pagu=1_000_000_000,
        urutan=0,
    )
    RevisiDipaFactory(
        dipa=dipa, label="Revisi 1", tanggal=dt.date(tahun, 2, 13), pagu=1_200_000_000, urutan=1
    )
    wa = KegiatanFactory(program=ProgramFactory(), kode="3360", nama="Layanan Perkantoran")
    cq = KegiatanFactory(
        program=ProgramFactory(kode="076.01.CQ", nama="Program Penyelenggaraan Pemilu"),
        kode="6867",
        nama="Pembentukan Badan Ad Hoc",
    )
    baris_wa = BarisAnggaranFactory(dipa=dipa, kegiatan=wa, pagu=200_000_000, realisasi=190_000_000)
    baris_cq = BarisAnggaranFactory(
        dipa=dipa, kegiatan=cq, pagu=1_000_000_000, realisasi=950_000_000, sumber="HIBAH"
    )
    return Kantor(satker, kpu, sek, kosong, dipa, baris_wa, baris_cq)


@pytest.fixture
def kantor(personas) -> Kantor:
    return isi_kantor(personas.satker_a)
