"""The office profile, election data and election grant of the demo (issue 14), from seed
`lkj-2024-kota-pagar-alam.txt` where it prints them and marked as reconstructed where it does not
(fixtures/README.md).

From the seed: the divisions and their tasks (BAB I C), the secretariat's sub-units, 19 staff
(13 PNS, 6 PPPK; S-1 10, SMA 3), the land and building values of the BMN table (Tabel 3.5), the
DPT per kecamatan of the 2024 regional election (Tabel 3.3, with Dempo Tengah's TPS 950 corrected
to 29 so that the column adds up to the printed 248) and its NPHD grant. Reconstructed: names the
seed does not print, the split of the remaining six staff over D-III and S-2, who voted (chosen
so that participation is the 77% the seed prints for women, voters with disabilities and
first-time voters) and the grant's realisasi.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.db import models
from PIL import Image, ImageDraw

from kinerja.models import (
    BarisAnggaran,
    BarisPK,
    Dipa,
    Kegiatan,
    Pemilihan,
    PemilihKecamatan,
    RencanaAksi,
)
from laporan.models import IsiBab
from satker.models import Aset, Pegawai, Pejabat, Satker

PAGAR_ALAM = "1672"
HIBAH_NAMA = "Hibah Pemilihan Wali Kota dan Wakil Wali Kota Pagar Alam 2024 (NPHD)"
HIBAH_NPHD = 20_118_519_770  # seed: 8.047.407.908 (2023, 40%) + 12.071.111.862 (2024, 60%)
HIBAH_REALISASI = 18_934_622_415  # illustrative (not in the seed)
TAHUN = 2024
# Years the staff and property are carried into (the later reports print them too).
TAHUN_PROFIL = (2024, 2025, 2026)
TANPA_NAMA = "(nama tidak tercantum di LKjIP)"

DIVISI = {
    "Divisi Keuangan, Umum, Rumah Tangga dan Logistik": [
        "Administrasi perkantoran, rumah tangga, dan kearsipan",
        "Protokol dan persidangan",
        "Pengelolaan dan pelaporan barang milik negara",
        "Pelaksanaan, pertanggungjawaban, dan pelaporan keuangan",
        "Pengusulan peresmian keanggotaan dan pelaksanaan sumpah/janji DPRD kabupaten/kota",
        "Perencanaan, pengadaan barang dan jasa, serta distribusi logistik Pemilu dan Pemilihan",
    ],
    "Divisi Sosialisasi, Pendidikan Pemilih, Partisipasi Masyarakat dan SDM": [
        "Sosialisasi kepemiluan",
        "Partisipasi masyarakat dan pendidikan pemilih",
        "Publikasi dan kehumasan",
        "Kampanye pemilu dan pemilihan",
        "Kerja sama antarlembaga",
        "Pengelolaan dan penyediaan informasi publik",
        "Rekrutmen anggota PPK, PPS, KPPS dan petugas pemutakhiran data pemilih",
        "Pembinaan etika, pengembangan dan pengelolaan sumber daya manusia",
    ],
    "Divisi Teknis Penyelenggaraan": [
        "Pengusulan daerah pemilihan dan alokasi kursi",
        "Pendaftaran dan verifikasi partai politik calon peserta pemilu",
        "Pencalonan peserta pemilu dan pemilihan",
        "Pemungutan, penghitungan suara, dan rekapitulasi hasil penghitungan suara",
        "Penetapan hasil dan pendokumentasian hasil pemilu dan pemilihan",
        "Pelaporan dana kampanye",
        "Penggantian antarwaktu anggota DPRD Kabupaten/Kota",
    ],
    "Divisi Hukum dan Pengawasan": [
        "Pembuatan rancangan keputusan",
        "Telaah hukum dan advokasi hukum",
        "Sengketa pemilu",
        "Dokumentasi hukum",
        "Pengawasan/pengendalian internal",
    ],
}
SUBBAGIAN = [
    "Sub Bagian Keuangan, Umum dan Logistik",
    "Sub Bagian Teknis Penyelenggara Pemilu, Partisipasi dan Hubungan Masyarakat",
    "Sub Bagian Perencanaan, Data dan Informasi",
    "Sub Bagian Hukum dan SDM",
]
# The activities the seed reports under its sasaran (BAB III B), as the Rencana Aksi of the PK
# rows they served: (PK, row no, activity, unit in charge, quarters). The quarters follow the
# dates the seed gives (e.g. 22 and 28 October: TW IV); the units are reconstructed.
TEKNIS = "Sub Bagian Teknis Penyelenggara Pemilu, Partisipasi dan Hubungan Masyarakat"
RENCANA_AKSI = [
    (
        "KPU",
        "2.1",
        'KPU Goes to Campus: nonton bersama film "Tepatilah Janji" di Institut '
        "Teknologi Pagar Alam",
        TEKNIS,
        (4,),
    ),
    (
        "KPU",
        "2.1",
        'KPU Goes to Pesantren: nonton bersama film "Kejarlah Janji" di Pondok '
        "Pesantren Darul Muttaqien",
        TEKNIS,
        (4,),
    ),
    (
        "KPU",
        "2.1",
        "Sosialisasi kepada pemilih pemula tingkat SMA/SMK/MAN/Pesantren",
        TEKNIS,
        (3, 4),
    ),
    (
        "KPU",
        "2.2",
        "Sosialisasi Pemilihan melalui stand pameran HUT Kota Pagar Alam ke-23",
        TEKNIS,
        (3,),
    ),
    ("KPU", "2.2", "Bincang santai dengan awak media", TEKNIS, (3, 4)),
    (
        "KPU",
        "2.3",
        "Sosialisasi program dan jadwal tahapan penyusunan daftar pemilih",
        TEKNIS,
        (2, 3),
    ),
    (
        "KPU",
        "5",
        "Rapat pleno terbuka penetapan DPT Pemilihan 2024",
        "Sub Bagian Perencanaan, Data dan Informasi",
        (3,),
    ),
    (
        "KPU",
        "5",
        "Sosialisasi cekdptonline.kpu.go.id melalui media sosial dan spanduk",
        "Sub Bagian Perencanaan, Data dan Informasi",
        (3, 4),
    ),
    ("KPU", "9", "Sosialisasi pembentukan KPPS", "Sub Bagian Hukum dan SDM", (3, 4)),
    (
        "KPU",
        "22",
        "Rapat koordinasi logistik dan sortir lipat surat suara",
        "Sub Bagian Keuangan, Umum dan Logistik",
        (4,),
    ),
    ("KPU", "23", "Debat publik pasangan calon Wali Kota dan Wakil Wali Kota", TEKNIS, (4,)),
    ("KPU", "23", "Bimbingan teknis kampanye dan pelaporan dana kampanye", TEKNIS, (3,)),
    (
        "SEKRETARIAT",
        "1",
        "Rapat kerja penyusunan anggaran Tahun 2024",
        "Sub Bagian Perencanaan, Data dan Informasi",
        (1,),
    ),
    (
        "SEKRETARIAT",
        "8",
        "Pemutakhiran data pegawai pada aplikasi E-Kinerja dan MySAPK",
        "Sub Bagian Hukum dan SDM",
        (1, 2, 3, 4),
    ),
    ("SEKRETARIAT", "16", "Penataan arsip", "Sub Bagian Keuangan, Umum dan Logistik", (2, 4)),
]

# (status, golongan, pendidikan, jabatan, unit) of the 19 staff.
PEGAWAI = (
    [("PNS", "IV/a", "S2", "Sekretaris", "Sekretariat")]
    + [
        ("PNS", "III/d", "S2" if i < 2 else "S1", "Kepala Sub Bagian", u)
        for i, u in enumerate(SUBBAGIAN)
    ]
    + [("PNS", "III/b", "S1", "Pelaksana", SUBBAGIAN[i % 4]) for i in range(4)]
    + [("PNS", "II/c", p, "Pelaksana", SUBBAGIAN[i % 4]) for i, p in enumerate(("S1", "D3", "D3"))]
    + [("PNS", "II/a", "SMA", "Pengemudi", SUBBAGIAN[0])]
    + [("PPPK", "IX", "S1", "Penata Kelola Pemilu", SUBBAGIAN[i % 4]) for i in range(3)]
    + [("PPPK", "IX", "S2", "Penata Kelola Pemilu", SUBBAGIAN[1])]
    + [("PPPK", "V", "SMA", "Pengelola Umum", SUBBAGIAN[0]) for _ in range(2)]
)
ASET = [
    ("TANAH", "Tanah kantor", 1, "bidang", 1_490_595_000),
    ("BANGUNAN", "Gedung kantor", 1, "unit", 1_982_688_000),
    ("LAINNYA", "Peralatan dan mesin", 1, "paket", 2_056_442_014),
]
# Tabel 3.3: kecamatan, desa/kelurahan, TPS, DPT L, DPT P.
DPT = [
    ("Pagaralam Utara", 10, 70, 16_561, 16_133),
    ("Pagaralam Selatan", 8, 73, 18_215, 18_166),
    ("Dempo Utara", 7, 46, 8_956, 8_496),
    ("Dempo Selatan", 5, 30, 5_152, 4_718),
    ("Dempo Tengah", 5, 29, 6_004, 5_515),
]


def simpan(model: type[models.Model], kunci: dict, nilai: dict | None = None) -> models.Model:
    """update_or_create that saves only when a value actually changes."""
    nilai = nilai or {}
    obj = model.objects.filter(**kunci).first()
    if obj is None:
        return model.objects.create(**kunci, **nilai)
    berubah = {f: v for f, v in nilai.items() if getattr(obj, f) != v}
    if berubah:
        for f, v in berubah.items():
            setattr(obj, f, v)
        obj.save()
    return obj


def _pengguna(dpt: list[int], persen: float, jumlah: int) -> list[int]:
    """Voters per kecamatan near `persen` of each DPT, adding up to `jumlah`."""
    hasil = [round(d * persen) for d in dpt]
    hasil[-1] += jumlah - sum(hasil)
    return hasil


def muat_profil(satker: dict[str, Satker]) -> None:
    s = satker[PAGAR_ALAM]
    _pejabat(s)
    for tahun in TAHUN_PROFIL:
        for i, (status, gol, pendidikan, jabatan, unit) in enumerate(PEGAWAI, 1):
            isi = dict(
                status=status,
                golongan=gol,
                pendidikan=pendidikan,
                jabatan=jabatan,
                unit=unit,
                urutan=i,
            )
            simpan(Pegawai, dict(satker=s, tahun=tahun, nama=f"Pegawai {i:02d}"), isi)
        for jenis, uraian, jumlah, satuan, nilai in ASET:
            kunci = dict(satker=s, tahun=tahun, jenis=jenis, uraian=uraian, kondisi="BAIK")
            simpan(Aset, kunci, dict(jumlah=jumlah, satuan=satuan, nilai=nilai))
    _pemilihan(s)
    _hibah(s)
    _rencana_aksi(s)
    _isi_laporan(s)


PARTISIPASI = (
    "Untuk meningkatkan partisipasi pemilih pada Pemilihan Serentak Tahun 2024, KPU Kota Pagar "
    "Alam menjangkau segmen pemilih yang partisipasinya diukur dalam Perjanjian Kinerja:\n\n"
    "- pemilih pemula: KPU Goes to Campus dan KPU Goes to Pesantren (nonton bersama film "
    "\u201cTepatilah Janji\u201d dan \u201cKejarlah Janji\u201d, Oktober 2024) serta sosialisasi "
    "di SMA/SMK/MAN dan pondok pesantren;\n"
    "- masyarakat umum: stand pameran pada HUT Kota Pagar Alam ke-23 dan bincang santai dengan "
    "awak media;\n"
    "- pemilih yang pindah domisili: sosialisasi program dan jadwal penyusunan daftar pemilih.\n\n"
    "Hasilnya tercatat pada data pemilih per kecamatan di bab ini, yang menjadi sumber realisasi "
    "indikator partisipasi."
)
PEMUSNAHAN = (
    "No\tJenis Surat Suara\tJumlah yang Dimusnahkan (Lembar)\n"
    "1\tSurat Suara Pemilihan Gubernur dan Wakil Gubernur\t18\n"
    "2\tSurat Suara Pemilihan Wali Kota dan Wakil Wali Kota\t467\n"
    "3\tSurat Suara Pemilihan Gubernur dan Wakil Gubernur (PSU)\t1\n"
    "\tJumlah\t486"
)


def _gambar_ilustrasi(judul: str) -> bytes:
    """A drawn stand-in for a photo the seed describes but does not contain."""
    gambar = Image.new("RGB", (800, 450), "#e8eef5")
    g = ImageDraw.Draw(gambar)
    g.rectangle((40, 40, 760, 410), outline="#1f5f99", width=4)
    g.rectangle((300, 150, 500, 300), fill="#b8902d")
    g.text((60, 60), "ILUSTRASI DEMO", fill="#7a1f1f")
    g.text((60, 360), judul[:110], fill="#1f2937")
    g.text((60, 380), "Foto asli tidak tersedia dalam sumber.", fill="#1f2937")
    keluar = io.BytesIO()
    gambar.save(keluar, "PNG")
    return keluar.getvalue()


def _isi_laporan(s: Satker) -> None:
    """A sub-section, an activity picture and a pasted table in BAB III, as an office adds them."""
    foto = "Sosialisasi Pemilihan melalui Stand Pameran HUT Kota Pagar Alam ke-23"
    isi = [
        (IsiBab.Jenis.TEKS, "Upaya Peningkatan Partisipasi Pemilih", PARTISIPASI, ""),
        (IsiBab.Jenis.GAMBAR, foto, "", "Ilustrasi demo; foto asli tidak tersedia dalam sumber"),
        (
            IsiBab.Jenis.TABEL,
            "Pemusnahan Kelebihan Surat Suara Pemilihan Tahun 2024",
            PEMUSNAHAN,
            "LKjIP KPU Kota Pagar Alam 2024, BAB III.B",
        ),
    ]
    for i, (jenis, judul, teks, sumber) in enumerate(isi, 1):
        obj = simpan(
            IsiBab,
            dict(satker=s, tahun=TAHUN, bab=3, judul=judul),
            dict(jenis=jenis, teks=teks, sumber=sumber, urutan=i),
        )
        if jenis == IsiBab.Jenis.GAMBAR and not obj.gambar:
            obj.gambar.save("stand-pameran.png", ContentFile(_gambar_ilustrasi(judul)))


def _rencana_aksi(s: Satker) -> None:
    for i, (jenis, no, kegiatan, pelaksana, tw) in enumerate(RENCANA_AKSI, 1):
        baris = BarisPK.objects.get(
            perjanjian__satker=s, perjanjian__tahun=TAHUN, perjanjian__jenis=jenis, no=no
        )
        simpan(
            RencanaAksi,
            dict(baris=baris, kegiatan=kegiatan),
            dict(pelaksana=pelaksana, urutan=i, **{f"tw{t}": t in tw for t in (1, 2, 3, 4)}),
        )


def _hibah(s: Satker) -> None:
    """The NPHD grant for the 2024 regional election: its amount is the seed's (paid 40% in
    2023 and 60% in 2024); the seed prints no realisasi, so the one here is illustrative."""
    dipa = Dipa.objects.get(satker=s, tahun=TAHUN)
    kegiatan = Kegiatan.objects.get(program__kode="076.01.CQ", kode="6639")
    simpan(
        BarisAnggaran,
        dict(
            dipa=dipa,
            program=kegiatan.program,
            kegiatan=kegiatan,
            output_kode="",
            akun_kode="",
            sumber=BarisAnggaran.Sumber.HIBAH,
        ),
        dict(
            output_nama=HIBAH_NAMA,
            pagu=HIBAH_NPHD,
            realisasi=HIBAH_REALISASI,
            sumber_realisasi=BarisAnggaran.SumberRealisasi.LAINNYA,
            per_tanggal=dt.date(2024, 12, 31),
            urutan=99,
        ),
    )


def _pejabat(s: Satker) -> None:
    for i, (divisi, tugas) in enumerate(DIVISI.items(), 1):
        simpan(
            Pejabat,
            dict(satker=s, jabatan="Anggota", nama=f"Anggota {i} {TANPA_NAMA}"),
            dict(divisi=divisi, tugas="\n".join(tugas), mulai=dt.date(2024, 1, 1)),
        )
    simpan(
        Pejabat,
        dict(satker=s, jabatan="Sekretaris", nama=f"Sekretaris {TANPA_NAMA}"),
        dict(divisi="Sekretariat KPU Kota Pagar Alam"),
    )
    for i, unit in enumerate(SUBBAGIAN, 1):
        simpan(
            Pejabat,
            dict(satker=s, jabatan="Kepala Sub Bagian", nama=f"Kasubbag {i} {TANPA_NAMA}"),
            dict(divisi=unit),
        )


def _pemilihan(s: Satker) -> None:
    p = simpan(
        Pemilihan,
        dict(satker=s, tahun=TAHUN, jenis=Pemilihan.Jenis.BUPATI_WALIKOTA),
        dict(
            nama="Pemilihan Gubernur dan Wakil Gubernur serta Wali Kota dan Wakil Wali Kota "
            "Pagar Alam Tahun 2024",
            tanggal=dt.date(2024, 11, 27),
            dpt_disabilitas=400,
            pengguna_disabilitas=308,
            dpt_pemula=12_500,
            pengguna_pemula=9_625,
        ),
    )
    laki = _pengguna([d[3] for d in DPT], 0.775, 42_538)
    perempuan = _pengguna([d[4] for d in DPT], 0.77, 40_832)
    for i, (kec, desa, tps, dpt_l, dpt_p) in enumerate(DPT):
        isi = dict(
            desa=desa,
            tps=tps,
            dpt_l=dpt_l,
            dpt_p=dpt_p,
            pengguna_l=laki[i],
            pengguna_p=perempuan[i],
            urutan=i + 1,
        )
        simpan(PemilihKecamatan, dict(pemilihan=p, kecamatan=kec), isi)
