"""The default LKE instrument every installation ships with (issue 18; docs/lke.md says where
each figure comes from). Installed after `migrate` when there is no instrument at all; from then
on it is KPU RI's to change in the application (weights, criteria, answer values, bands).
"""

from decimal import Decimal as D

from django.db import transaction

DASAR = "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah"  # noqa: E501

# (code, name, weight, [(sub code, name, weight, scale, [criteria])])
KOMPONEN = [
    ("1", "Perencanaan Kinerja", D(30), [
        ("1.a", "Pemenuhan", D(6), "YT", [
            "Rencana Strategis telah disusun dan ditetapkan.",
            "Renstra memuat tujuan, sasaran, indikator dan target jangka menengah.",
            "Rencana Kinerja Tahunan telah disusun.",
            "Perjanjian Kinerja telah disusun dan ditandatangani.",
            "Dokumen perencanaan kinerja dipublikasikan tepat waktu.",
        ]),
        ("1.b", "Kualitas", D(9), "AE", [
            "Tujuan dan sasaran berorientasi hasil (outcome).",
            "Indikator kinerja memenuhi kriteria SMART dan relevan dengan sasaran.",
            "Target kinerja menantang dan dapat dicapai.",
            "Renstra, RKT dan Perjanjian Kinerja selaras.",
        ]),
        ("1.c", "Pemanfaatan", D(15), "AE", [
            "Anggaran dialokasikan untuk kegiatan yang mendukung pencapaian kinerja.",
            "Target kinerja dijabarkan dalam rencana aksi per triwulan.",
            "Rencana aksi dipantau dan dievaluasi secara berkala.",
            "Perjanjian Kinerja menjadi dasar penilaian kinerja pegawai.",
        ]),
    ]),
    ("2", "Pengukuran Kinerja", D(30), [
        ("2.a", "Pemenuhan", D(6), "YT", [
            "Terdapat pedoman teknis pengukuran kinerja dan pengumpulan data kinerja.",
            "Setiap indikator memiliki definisi operasional dan cara pengukuran yang jelas.",
            "Pengukuran kinerja dilakukan berjenjang dan berkala (setiap triwulan).",
        ]),
        ("2.b", "Kualitas", D(9), "AE", [
            "Data kinerja andal dan dapat diverifikasi.",
            "Pengumpulan dan pengukuran kinerja memanfaatkan teknologi informasi.",
            "Hasil pengukuran dapat ditelusuri ke bukti dukungnya.",
        ]),
        ("2.c", "Pemanfaatan", D(15), "AE", [
            "Hasil pengukuran menjadi dasar pemberian penghargaan dan sanksi.",
            "Hasil pengukuran menjadi dasar perbaikan perencanaan dan pengambilan keputusan.",
            "Capaian di bawah target ditindaklanjuti untuk mengendalikan pelaksanaan kegiatan.",
        ]),
    ]),
    ("3", "Pelaporan Kinerja", D(15), [
        ("3.a", "Pemenuhan", D(3), "YT", [
            "Laporan Kinerja (LKjIP) telah disusun.",
            "LKjIP disampaikan tepat waktu.",
            "LKjIP dipublikasikan.",
        ]),
        ("3.b", "Kualitas", D("4.5"), "AE", [
            "LKjIP menyajikan capaian dibandingkan target, tahun sebelumnya dan target Renstra.",
            "LKjIP menyajikan analisis penyebab dan efisiensi penggunaan sumber daya.",
            "Informasi kinerja dalam LKjIP konsisten dengan data sumbernya.",
        ]),
        ("3.c", "Pemanfaatan", D("7.5"), "AE", [
            "Informasi dalam LKjIP digunakan untuk perbaikan perencanaan dan penganggaran.",
            "Informasi dalam LKjIP digunakan untuk meningkatkan kinerja.",
        ]),
    ]),
    ("4", "Evaluasi Akuntabilitas Kinerja Internal", D(25), [
        ("4.a", "Pemenuhan", D(5), "YT", [
            "Evaluasi akuntabilitas kinerja internal dilaksanakan pada seluruh unit kerja.",
            "Evaluasi dilaksanakan oleh SDM yang kompeten.",
        ]),
        ("4.b", "Kualitas", D("7.5"), "AE", [
            "Evaluasi dilaksanakan berjenjang dengan pedoman yang jelas.",
            "Hasil evaluasi memuat rekomendasi perbaikan yang dapat dilaksanakan.",
        ]),
        ("4.c", "Pemanfaatan", D("12.5"), "AE", [
            "Rekomendasi hasil evaluasi telah ditindaklanjuti.",
            "Hasil evaluasi digunakan untuk meningkatkan akuntabilitas kinerja.",
        ]),
    ]),
]  # fmt: skip

# Criteria the system answers from its own data (evaluasi/otomatis.py), by code.
OTOMATIS = {
    "1.a.4": "PK_TEPAT_WAKTU",
    "1.c.2": "TARGET_TRIWULAN",
    "2.a.3": "REALISASI_TRIWULAN",
    "3.a.1": "LKJIP_ADA",
    "3.a.2": "LKJIP_TEPAT_WAKTU",
    "3.b.1": "BANDING_TAHUN_LALU",
    "4.c.1": "TINDAK_LANJUT",
}

NILAI = {
    ("YT", "Y"): D(1),
    ("YT", "T"): D(0),
    ("AE", "A"): D(1),
    ("AE", "B"): D("0.75"),
    ("AE", "C"): D("0.5"),
    ("AE", "D"): D("0.25"),
    ("AE", "E"): D(0),
}
PREDIKAT = [
    ("AA", D(90)),
    ("A", D(80)),
    ("BB", D(70)),
    ("B", D(60)),
    ("CC", D(50)),
    ("C", D(30)),
    ("D", D(0)),
]
CATATAN = (
    "Bobot komponen (30, 30, 15, 25), pembagian subkomponen Pemenuhan 20%, Kualitas 30%, "
    "Pemanfaatan 50% dan rentang predikat menurut PermenPANRB 88/2021. Uraian kriteria diringkas "
    "karena teks lampiran tidak tersedia di sini (asumsi, dapat diubah). Nilai jawaban A-E "
    "(1; 0,75; 0,5; 0,25; 0) adalah tabel yang lazim dipakai (asumsi, dapat diubah). "
    "Lihat docs/lke.md."
)


def pasang_instrumen(apps, using: str = "default") -> bool:
    """Create the default instrument when there is none; True when it was created."""
    Instrumen = apps.get_model("evaluasi", "Instrumen")
    if Instrumen.objects.using(using).exists():
        return False
    m = {n: apps.get_model("evaluasi", n) for n in ("Komponen", "SubKomponen", "Kriteria")}
    with transaction.atomic(using=using):
        ins = Instrumen.objects.using(using).create(
            nama="LKE AKIP PermenPANRB 88/2021", dasar=DASAR, berlaku_dari=2021, catatan=CATATAN
        )
        for i, (kode, nama, bobot, subs) in enumerate(KOMPONEN):
            k = (
                m["Komponen"]
                .objects.using(using)
                .create(instrumen=ins, kode=kode, nama=nama, bobot=bobot, urutan=i)
            )
            for j, (skode, snama, sbobot, skala, kriteria) in enumerate(subs):
                s = (
                    m["SubKomponen"]
                    .objects.using(using)
                    .create(komponen=k, kode=skode, nama=snama, bobot=sbobot, urutan=j)
                )
                m["Kriteria"].objects.using(using).bulk_create(
                    m["Kriteria"](
                        sub=s,
                        kode=f"{skode}.{n}",
                        uraian=u,
                        skala=skala,
                        urutan=n,
                        otomatis=OTOMATIS.get(f"{skode}.{n}", ""),
                    )
                    for n, u in enumerate(kriteria, 1)
                )
        NilaiJawaban = apps.get_model("evaluasi", "NilaiJawaban")
        NilaiJawaban.objects.using(using).bulk_create(
            NilaiJawaban(instrumen=ins, skala=s, jawaban=j, nilai=n) for (s, j), n in NILAI.items()
        )
        Predikat = apps.get_model("evaluasi", "Predikat")
        Predikat.objects.using(using).bulk_create(
            Predikat(instrumen=ins, predikat=p, batas=b) for p, b in PREDIKAT
        )
    return True
