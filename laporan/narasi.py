"""The narrative sections of the report: which exist, their default text, and placeholders.

Figures in text come only from placeholders, filled from the report data when it is rendered,
so a sentence cannot disagree with a table. Syntax: `{{name}}` or `{{name:arg:arg}}`.
The default text of every section is itself written with placeholders, so a satker without any
stored text still gets a complete report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from common import format as fmt
from kinerja import capaian as engine
from laporan.data import BarisUkur, Laporan, Sasaran

POLA = re.compile(r"\{\{([^{}]*)\}\}")


class PlaceholderError(ValueError):
    """A placeholder that cannot be filled; the message is for the editor."""


# ---------------------------------------------------------------- placeholders


def _jenis(args: list[str], i: int = 0) -> str:
    return args[i].strip().upper() if len(args) > i and args[i].strip() else "KPU"


def _pk(lap: Laporan, args: list[str], i: int = 0):
    jenis = _jenis(args, i)
    if jenis == "SEMUA":
        return None
    pk = lap.pk_jenis(jenis)
    if pk is None:
        raise PlaceholderError(f"tidak ada PK {jenis} pada tahun {lap.tahun}")
    return pk


def _baris(lap: Laporan, args: list[str]) -> BarisUkur:
    if not args or not args[0].strip():
        raise PlaceholderError("sebutkan nomor baris PK, misalnya {{capaian:1:KPU}}")
    pk = _pk(lap, args, 1)
    no = args[0].strip()
    for b in pk.baris:
        if b.no == no:
            return b
    raise PlaceholderError(f"tidak ada baris nomor {no} pada {pk.label}")


def _pembanding(lap: Laporan, b: BarisUkur) -> str:
    """A row's capaian against the same catalogue indicator in the province and the nation."""
    p = lap.pembanding.get(b.kode_indikator)
    if p is None or p.capaian is None or p.jumlah_nasional < 2:
        raise PlaceholderError(f"baris {b.no} tidak dapat dibandingkan dengan satker lain")
    teks = f"capaian {fmt.persen(p.capaian)}"
    if p.jumlah_provinsi > 1:
        teks += (
            f"; rata-rata provinsi {fmt.persen(p.rata_provinsi)}, peringkat {p.peringkat} dari "
            f"{p.jumlah_provinsi} satker di provinsi"
        )
    return (
        f"{teks}; rata-rata nasional {fmt.persen(p.rata_nasional)} dari {p.jumlah_nasional} "
        f"satker ({lap.tahun}, indikator katalog {p.kode})"
    )


def _dapat_dibandingkan(lap: Laporan, b: BarisUkur) -> bool:
    p = lap.pembanding.get(b.kode_indikator)
    return p is not None and p.capaian is not None and p.jumlah_nasional > 1


def _ringkasan(lap: Laporan, args: list[str]) -> engine.RingkasanCapaian:
    if not args:
        return lap.ringkasan
    pk = _pk(lap, args)
    return pk.ringkasan if pk else lap.ringkasan


def _anggaran(lap: Laporan):
    if lap.anggaran is None:
        raise PlaceholderError(f"belum ada DIPA tahun {lap.tahun}")
    return lap.anggaran


def _nama_orang(nama: str | None, jabatan: str) -> str:
    if not nama:
        raise PlaceholderError(f"nama {jabatan} belum tercatat")
    return nama


def _tabel(lap: Laporan, args: list[str]) -> str:
    kunci = ":".join(a.strip() for a in args)
    if kunci not in lap.tabel:
        raise PlaceholderError(f"tidak ada tabel '{kunci}' dalam laporan ini")
    return f"Tabel {lap.tabel[kunci].nomor}"


def _jumlah_sasaran(lap: Laporan, args: list[str]) -> str:
    pk = _pk(lap, args) if args else None
    return str(len(pk.sasaran if pk else lap.semua_sasaran))


def _efisiensi(lap: Laporan, args: list[str]) -> str:
    serapan = _anggaran(lap).total.serapan
    e = engine.efisiensi(_ringkasan(lap, args).rata_rata, serapan)
    if e is None:
        raise PlaceholderError("efisiensi tidak dapat dihitung (capaian atau serapan kosong)")
    return f"{e.label} (selisih {fmt.angka(e.selisih, 2)} poin)"


@dataclass(frozen=True)
class Placeholder:
    contoh: str
    arti: str
    isi: Callable[[Laporan, list[str]], str]

    @property
    def argumen(self) -> str:
        """What the picker asks for: "baris" (a PK row), "pk" (optionally one PK) or ""."""
        if ":1:" in self.contoh:
            return "baris"
        return "pk" if " / " in self.contoh else ""

    def kode(self, nama: str, baris: str = "", pk: str = "") -> str:
        """The placeholder as written in the text, for a row ("2.1:KPU") or a PK ("KPU")."""
        if self.argumen == "baris" and baris:
            return f"{{{{{nama}:{baris}}}}}"
        if self.argumen == "pk" and pk:
            return f"{{{{{nama}:{pk}}}}}"
        return f"{{{{{nama}}}}}"


PLACEHOLDER: dict[str, Placeholder] = {
    "satker": Placeholder("{{satker}}", "nama satker", lambda lap, a: lap.nama),
    "satker_lengkap": Placeholder(
        "{{satker_lengkap}}",
        "nama lengkap (Komisi Pemilihan Umum …)",
        lambda lap, a: lap.nama_lengkap,
    ),
    "wilayah": Placeholder("{{wilayah}}", "Kota/Kabupaten …", lambda lap, a: lap.wilayah),
    "kota": Placeholder("{{kota}}", "tempat penandatanganan", lambda lap, a: lap.kota),
    "provinsi": Placeholder("{{provinsi}}", "KPU Provinsi induk", lambda lap, a: lap.provinsi),
    "tahun": Placeholder("{{tahun}}", "tahun laporan", lambda lap, a: str(lap.tahun)),
    "tahun_lalu": Placeholder(
        "{{tahun_lalu}}", "tahun sebelumnya", lambda lap, a: str(lap.tahun - 1)
    ),
    "tahun_depan": Placeholder(
        "{{tahun_depan}}", "tahun berikutnya", lambda lap, a: str(lap.tahun + 1)
    ),
    "renstra": Placeholder(
        "{{renstra}}",
        "periode Renstra (2020–2024)",
        lambda lap, a: (
            f"{lap.renstra.tahun_awal}–{lap.renstra.tahun_akhir}"
            if lap.renstra
            else _gagal("belum ada Renstra yang mencakup tahun ini")
        ),
    ),
    "ketua": Placeholder(
        "{{ketua}}", "nama Ketua", lambda lap, a: _nama_orang(lap.penandatangan.nama, "Ketua")
    ),
    "sekretaris": Placeholder(
        "{{sekretaris}}",
        "nama Sekretaris",
        lambda lap, a: _nama_orang(lap.sekretaris.nama if lap.sekretaris else "", "Sekretaris"),
    ),
    "tanggal": Placeholder(
        "{{tanggal}}", "tanggal laporan", lambda lap, a: fmt.tanggal(lap.tanggal)
    ),
    "indikator": Placeholder(
        "{{indikator:1:KPU}}",
        "nama indikator baris 1 PK KPU",
        lambda lap, a: _baris(lap, a).indikator,
    ),
    "sasaran": Placeholder(
        "{{sasaran:1:KPU}}", "sasaran baris 1 PK KPU", lambda lap, a: _baris(lap, a).sasaran
    ),
    "target": Placeholder(
        "{{target:1:KPU}}", "target baris 1 PK KPU", lambda lap, a: _baris(lap, a).target
    ),
    "realisasi": Placeholder(
        "{{realisasi:1:SEKRETARIAT}}",
        "realisasi baris 1 PK Sekretariat",
        lambda lap, a: _baris(lap, a).realisasi or engine.BELUM_ADA_REALISASI,
    ),
    "pembanding": Placeholder(
        "{{pembanding:1:KPU}}",
        "capaian baris 1 PK KPU dibandingkan rata-rata provinsi dan nasional (indikator katalog)",
        lambda lap, a: _pembanding(lap, _baris(lap, a)),
    ),
    "dukungan": Placeholder(
        "{{dukungan:1:KPU}}",
        "kegiatan/output anggaran yang ditautkan ke sasaran baris 1 PK KPU, dengan pagu, "
        "realisasi dan serapannya",
        lambda lap, a: _dukungan(lap, a),
    ),
    "capaian": Placeholder(
        "{{capaian:1:KPU}}",
        "capaian baris 1 PK KPU",
        lambda lap, a: fmt.persen(_baris(lap, a).capaian, kosong=_baris(lap, a).keterangan),
    ),
    "kategori": Placeholder(
        "{{kategori:1:KPU}}",
        "kategori baris 1 PK KPU",
        lambda lap, a: _baris(lap, a).kategori or "–",
    ),
    "rata_capaian": Placeholder(
        "{{rata_capaian}} / {{rata_capaian:KPU}}",
        "rata-rata capaian kinerja (seluruh indikator / satu PK)",
        lambda lap, a: fmt.persen(_ringkasan(lap, a).rata_rata, kosong="tidak dapat dihitung"),
    ),
    "kategori_rata": Placeholder(
        "{{kategori_rata}} / {{kategori_rata:KPU}}",
        "kategori rata-rata capaian",
        lambda lap, a: engine.kategori(_ringkasan(lap, a).rata_rata, lap.kebijakan.skala) or "–",
    ),
    "jumlah_indikator": Placeholder(
        "{{jumlah_indikator}} / {{jumlah_indikator:KPU}}",
        "jumlah indikator",
        lambda lap, a: str(_ringkasan(lap, a).jumlah),
    ),
    "jumlah_indikator_dihitung": Placeholder(
        "{{jumlah_indikator_dihitung}}",
        "jumlah indikator yang capaiannya dapat dihitung",
        lambda lap, a: str(_ringkasan(lap, a).dihitung),
    ),
    "jumlah_di_bawah_target": Placeholder(
        "{{jumlah_di_bawah_target}}",
        "jumlah indikator dengan capaian di bawah 100%",
        lambda lap, a: str(_ringkasan(lap, a).di_bawah_target),
    ),
    "jumlah_sasaran": Placeholder(
        "{{jumlah_sasaran}} / {{jumlah_sasaran:KPU}}", "jumlah sasaran", _jumlah_sasaran
    ),
    "pagu": Placeholder(
        "{{pagu}}", "total pagu (Rp)", lambda lap, a: fmt.rupiah(_anggaran(lap).total.pagu)
    ),
    "pagu_terbilang": Placeholder(
        "{{pagu_terbilang}}",
        "total pagu dengan huruf",
        lambda lap, a: fmt.terbilang(_anggaran(lap).total.pagu) + " rupiah",
    ),
    "realisasi_anggaran": Placeholder(
        "{{realisasi_anggaran}}",
        "total realisasi anggaran (Rp)",
        lambda lap, a: fmt.rupiah(_anggaran(lap).total.realisasi),
    ),
    "realisasi_anggaran_terbilang": Placeholder(
        "{{realisasi_anggaran_terbilang}}",
        "total realisasi anggaran dengan huruf",
        lambda lap, a: fmt.terbilang(_anggaran(lap).total.realisasi) + " rupiah",
    ),
    "sisa_anggaran": Placeholder(
        "{{sisa_anggaran}}",
        "sisa anggaran (Rp)",
        lambda lap, a: fmt.rupiah(_anggaran(lap).total.sisa),
    ),
    "serapan": Placeholder(
        "{{serapan}}",
        "serapan anggaran (%)",
        lambda lap, a: fmt.persen(_anggaran(lap).total.serapan, kosong="tidak dapat dihitung"),
    ),
    "pagu_apbn": Placeholder(
        "{{pagu_apbn}}",
        "pagu APBN menurut revisi DIPA terakhir (Rp)",
        lambda lap, a: fmt.rupiah(_anggaran(lap).apbn.pagu),
    ),
    "pagu_hibah": Placeholder(
        "{{pagu_hibah}}",
        "pagu dana hibah pemilihan (NPHD) (Rp)",
        lambda lap, a: fmt.rupiah((_anggaran(lap).hibah or engine.Total()).pagu),
    ),
    "realisasi_hibah": Placeholder(
        "{{realisasi_hibah}}",
        "realisasi dana hibah pemilihan (Rp)",
        lambda lap, a: fmt.rupiah((_anggaran(lap).hibah or engine.Total()).realisasi),
    ),
    "serapan_hibah": Placeholder(
        "{{serapan_hibah}}",
        "serapan dana hibah pemilihan (%)",
        lambda lap, a: fmt.persen(
            (_anggaran(lap).hibah or engine.Total()).serapan, kosong="tidak dapat dihitung"
        ),
    ),
    "jumlah_revisi_dipa": Placeholder(
        "{{jumlah_revisi_dipa}}",
        "jumlah revisi DIPA (tanpa DIPA awal)",
        lambda lap, a: str(max(len(_anggaran(lap).revisi) - 1, 0)),
    ),
    "efisiensi": Placeholder(
        "{{efisiensi}} / {{efisiensi:KPU}}", "efisiensi (capaian − serapan)", _efisiensi
    ),
    "tabel": Placeholder(
        "{{tabel:ukur:KPU}}", "nomor tabel (ukur:KPU, anggaran, revisi …)", _tabel
    ),
}


def _gagal(pesan: str) -> str:
    raise PlaceholderError(pesan)


def isi_teks(teks: str, lap: Laporan) -> tuple[str, list[str]]:
    """Fill the placeholders of `teks`; unknown or unfillable ones become visible marks."""
    galat: list[str] = []

    def ganti(m: re.Match) -> str:
        bagian = [b.strip() for b in m.group(1).split(":")]
        nama, args = bagian[0].lower(), bagian[1:]
        ph = PLACEHOLDER.get(nama)
        try:
            if ph is None:
                raise PlaceholderError(f"isian otomatis '{nama}' tidak dikenal")
            return ph.isi(lap, args)
        except PlaceholderError as exc:
            galat.append(f"{m.group(0)}: {exc}")
            return f"[{m.group(1).strip()}?]"

    return POLA.sub(ganti, teks), galat


def tanpa_placeholder(teks: str) -> str:
    """The text typed by the user, placeholders taken out (what the text checks look at)."""
    return POLA.sub(" ", teks)


# ---------------------------------------------------------------- sections and default text


@dataclass(frozen=True)
class Bagian:
    kunci: str
    judul: str
    bawaan: Callable[[Laporan], str]


def _kata_pengantar(lap: Laporan) -> str:
    teks = [
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas rahmat dan karunia-Nya "
        "sehingga Laporan Kinerja {{satker_lengkap}} Tahun {{tahun}} dapat diselesaikan. Laporan "
        "ini merupakan wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi {{satker}} "
        "selama Tahun {{tahun}}, sebagaimana diamanatkan Peraturan Presiden Nomor 29 Tahun 2014 "
        "tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri "
        "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
        "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan "
        "Kinerja Instansi Pemerintah, serta Keputusan Komisi Pemilihan Umum Nomor 5 Tahun 2018 "
        "tentang Petunjuk Teknis Perjanjian Kinerja dan Pelaporan Kinerja di Lingkungan KPU.",
        "Laporan Kinerja ini menyajikan hasil pengukuran {{jumlah_indikator}} indikator kinerja "
        "yang ditetapkan dalam Perjanjian Kinerja Tahun {{tahun}}, dengan rata-rata capaian "
        "kinerja {{rata_capaian}}.",
    ]
    if lap.anggaran:
        teks[-1] += (
            " Dari sisi anggaran, realisasi mencapai {{realisasi_anggaran}} dari pagu {{pagu}} "
            "atau serapan anggaran sebesar {{serapan}}."
        )
    teks.append(
        "Kami menyadari bahwa laporan ini masih memiliki kekurangan. Kritik dan saran dari semua "
        "pihak kami harapkan untuk perbaikan pada masa mendatang. Semoga Laporan Kinerja ini "
        "bermanfaat sebagai bahan evaluasi dan peningkatan kinerja {{satker}}."
    )
    return "\n\n".join(teks)


def _ikhtisar(lap: Laporan) -> str:
    teks = [
        "Laporan Kinerja {{satker}} Tahun {{tahun}} menyajikan hasil pengukuran kinerja atas "
        "Perjanjian Kinerja yang ditetapkan pada awal Tahun {{tahun}}. Pada tahun ini {{satker}} "
        "menetapkan {{jumlah_sasaran}} sasaran strategis dengan {{jumlah_indikator}} indikator "
        "kinerja."
    ]
    for pk in lap.pk:
        j = pk.jenis
        if not pk.ringkasan.dihitung:
            teks.append(
                f"{pk.label} memuat {{{{jumlah_indikator:{j}}}}} indikator; belum ada indikator "
                "dengan realisasi yang capaiannya dapat dihitung."
            )
            continue
        teks.append(
            f"{pk.label} memuat {{{{jumlah_indikator:{j}}}}} indikator; rata-rata capaian kinerja "
            f"{{{{rata_capaian:{j}}}}} ({{{{kategori_rata:{j}}}}}) dihitung dari "
            f"{{{{jumlah_indikator_dihitung:{j}}}}} indikator yang memiliki nilai, dan "
            f"{{{{jumlah_di_bawah_target:{j}}}}} indikator belum mencapai target."
        )
    if lap.anggaran:
        teks.append(
            "Pagu anggaran {{satker}} "
            + (
                "(APBN dan dana hibah pemilihan) "
                if lap.anggaran.hibah
                else "menurut revisi DIPA terakhir "
            )
            + "sebesar {{pagu}} "
            "({{pagu_terbilang}}), terealisasi {{realisasi_anggaran}} atau serapan anggaran "
            "{{serapan}}, dengan sisa {{sisa_anggaran}}. Serapan anggaran bukan ukuran capaian "
            "kinerja; keduanya dibandingkan pada Bab III."
        )
    bawah = [b for b in lap.semua_baris if b.capaian is not None and b.capaian < 100]
    kosong = [b for b in lap.semua_baris if b.realisasi is None]
    if bawah or kosong:
        masalah = ["Permasalahan utama yang perlu mendapat perhatian:"]
        masalah += [
            f"- {{{{indikator:{b.no}:{b.jenis_pk}}}}}: capaian {{{{capaian:{b.no}:{b.jenis_pk}}}}}"
            for b in bawah
        ]
        masalah += [
            f"- {{{{indikator:{b.no}:{b.jenis_pk}}}}}: belum ada realisasi yang tercatat"
            for b in kosong
        ]
        teks.append("\n".join(masalah))
    return "\n\n".join(teks)


LATAR_BELAKANG = (
    "Komisi Pemilihan Umum (KPU) adalah lembaga penyelenggara Pemilihan Umum yang bersifat "
    "nasional, tetap, dan mandiri, sebagaimana diatur dalam Undang-Undang Nomor 7 Tahun 2017 "
    "tentang Pemilihan Umum. Sebagai bagian dari KPU, {{satker}} melaksanakan tugas tersebut "
    "di {{wilayah}}.\n\n"
    "Sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah, setiap instansi pemerintah wajib menyusun Laporan Kinerja sebagai bentuk "
    "pertanggungjawaban atas pelaksanaan tugas dan fungsi serta penggunaan anggaran. Laporan ini "
    "disusun berpedoman pada Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
    "Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja "
    "dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah serta Keputusan Komisi "
    "Pemilihan Umum Nomor 5 Tahun 2018 tentang Petunjuk Teknis Perjanjian Kinerja dan Pelaporan "
    "Kinerja di Lingkungan KPU. Laporan "
    "Kinerja {{satker}} Tahun {{tahun}} membandingkan realisasi kinerja dengan target yang "
    "ditetapkan dalam Perjanjian Kinerja Tahun {{tahun}}.\n\n"
    "Laporan ini diharapkan menjadi bahan evaluasi untuk meningkatkan kinerja, mendorong "
    "penyelenggaraan tugas yang transparan dan akuntabel, serta menjadi umpan balik bagi para "
    "pemangku kepentingan."
)

TUGAS_FUNGSI = (
    "Berdasarkan Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum, KPU Kabupaten/Kota "
    "bertugas antara lain:\n"
    "- menjabarkan program dan melaksanakan anggaran serta menetapkan jadwal di wilayahnya;\n"
    "- melaksanakan semua tahapan penyelenggaraan Pemilu di wilayahnya berdasarkan ketentuan "
    "peraturan perundang-undangan;\n"
    "- mengoordinasikan dan mengendalikan tahapan penyelenggaraan oleh PPK, PPS, dan KPPS;\n"
    "- menyampaikan daftar pemilih kepada KPU Provinsi;\n"
    "- memutakhirkan data pemilih berdasarkan data Pemilu terakhir dengan memperhatikan data "
    "kependudukan;\n"
    "- melakukan dan mengumumkan rekapitulasi hasil penghitungan suara;\n"
    "- melakukan evaluasi dan membuat laporan setiap tahapan penyelenggaraan Pemilu; dan\n"
    "- melaksanakan tugas lain yang diberikan oleh KPU dan KPU Provinsi.\n\n"
    "Dalam melaksanakan tugasnya {{satker}} dibantu oleh Sekretariat yang dipimpin oleh seorang "
    "Sekretaris, yang memberikan dukungan teknis, administratif, keuangan, dan logistik."
)


def _struktur(lap: Laporan) -> str:
    teks = (
        "{{satker}} terdiri atas Ketua merangkap anggota dan anggota yang masing-masing "
        "membidangi satu divisi, serta Sekretariat yang dipimpin oleh Sekretaris dan terdiri "
        "atas subbagian."
    )
    if "pejabat" in lap.tabel:
        teks += " Susunan pimpinan dan pejabat disajikan pada {{tabel:pejabat}}."
    return teks


SDM = (
    "Pelaksanaan tugas {{satker}} didukung oleh pegawai Sekretariat yang terdiri atas Pegawai "
    "Negeri Sipil organik KPU, Pegawai Negeri Sipil yang diperbantukan dari pemerintah daerah, "
    "Pegawai Pemerintah dengan Perjanjian Kerja, serta tenaga pendukung. Peningkatan kapasitas "
    "pegawai dilakukan melalui pendidikan, pelatihan, dan bimbingan teknis."
)

SISTEMATIKA = (
    "Laporan Kinerja ini disusun dengan sistematika sebagai berikut:\n"
    "- Kata Pengantar dan Ikhtisar Eksekutif: ringkasan capaian kinerja dan anggaran;\n"
    "- Bab I Pendahuluan: latar belakang, kedudukan, tugas dan fungsi, struktur organisasi, "
    "sumber daya manusia, dan sistematika penyajian;\n"
    "- Bab II Perencanaan Kinerja: Rencana Strategis, Rencana Kinerja Tahunan, dan Perjanjian "
    "Kinerja Tahun {{tahun}};\n"
    "- Bab III Akuntabilitas Kinerja: pengukuran dan analisis capaian kinerja per sasaran serta "
    "realisasi anggaran;\n"
    "- Bab IV Penutup: simpulan dan langkah perbaikan;\n"
    "- Lampiran: Perjanjian Kinerja yang ditandatangani dan catatan pemeriksaan konsistensi."
)


def _perencanaan(lap: Laporan) -> str:
    teks = "Perencanaan kinerja {{satker}} Tahun {{tahun}} berpedoman pada Rencana Strategis KPU"
    teks += " periode {{renstra}}" if lap.renstra else ""
    teks += (
        ". Rencana Strategis memuat visi, misi, tujuan, sasaran strategis, dan indikator kinerja "
        "beserta targetnya. Target tahun berjalan dijabarkan dalam Rencana Kinerja Tahunan dan "
        "ditetapkan dalam Perjanjian Kinerja, yaitu Perjanjian Kinerja Komisioner yang "
        "ditandatangani Ketua dan Perjanjian Kinerja Sekretariat antara Sekretaris dan Ketua."
    )
    return teks


def _pengukuran(lap: Laporan) -> str:
    return (
        "Pengukuran kinerja dilakukan dengan membandingkan realisasi setiap indikator dengan "
        "target pada Perjanjian Kinerja Tahun {{tahun}}. Untuk indikator yang makin tinggi makin "
        "baik, capaian = realisasi / target × 100; untuk indikator yang makin rendah makin baik "
        "dipakai rumus yang dicantumkan di bawah tabel pengukuran. Indikator berupa predikat atau "
        "opini dinilai menurut peringkatnya. Rata-rata capaian seluruh indikator yang dapat "
        "dihitung adalah {{rata_capaian}} ({{kategori_rata}})."
    )


def _anggaran_teks(lap: Laporan) -> str:
    if lap.anggaran is None:
        return "Data DIPA {{satker}} Tahun {{tahun}} belum tersedia."
    revisi = ""
    if len(lap.anggaran.revisi) > 1:
        revisi = ", setelah {{jumlah_revisi_dipa}} kali revisi ({{tabel:revisi}})"
    elif lap.anggaran.revisi:
        revisi = ", tanpa revisi ({{tabel:revisi}})"
    teks = (
        "Pada Tahun Anggaran {{tahun}}, {{satker}} mengelola pagu sebesar {{pagu}} "
        "({{pagu_terbilang}})"
    )
    if lap.anggaran.hibah:
        teks += (
            ", terdiri atas APBN {{pagu_apbn}} menurut revisi DIPA terakhir" + revisi + ", dan "
            "dana hibah pemilihan dari pemerintah daerah (NPHD) {{pagu_hibah}}"
        )
    else:
        teks += " menurut revisi DIPA terakhir" + revisi
    teks += (
        ". Realisasi anggaran sebesar {{realisasi_anggaran}} ({{realisasi_anggaran_terbilang}}) "
        "atau serapan anggaran {{serapan}}, dengan sisa anggaran {{sisa_anggaran}}. Rincian per "
        "program dan kegiatan disajikan pada {{tabel:anggaran}}."
    )
    if lap.anggaran.hibah:
        teks += (
            " Dana hibah pemilihan terealisasi {{realisasi_hibah}} (serapan {{serapan_hibah}}); "
            "pembagian per sumber dana disajikan pada {{tabel:sumber}}."
        )
    return teks


def _penutup(lap: Laporan) -> str:
    teks = [
        "Laporan Kinerja {{satker}} Tahun {{tahun}} menggambarkan pelaksanaan tugas dan fungsi "
        "selama satu tahun. Dari {{jumlah_indikator}} indikator kinerja, rata-rata capaian "
        "kinerja adalah {{rata_capaian}} ({{kategori_rata}}), dan {{jumlah_di_bawah_target}} "
        "indikator belum mencapai target."
    ]
    if lap.anggaran:
        teks[0] += (
            " Serapan anggaran mencapai {{serapan}} dari pagu {{pagu}}; efisiensi penggunaan "
            "anggaran tergolong {{efisiensi}}."
        )
    teks.append(
        "Langkah yang akan dilakukan pada tahun berikutnya:\n"
        "- memperkuat perencanaan kinerja dan anggaran agar target realistis dan revisi DIPA "
        "berkurang;\n"
        "- memantau realisasi setiap triwulan dan menindaklanjuti kendala sejak dini;\n"
        "- meningkatkan kapasitas sumber daya manusia dan dukungan sarana prasarana; dan\n"
        "- melengkapi bukti dukung setiap capaian kinerja."
    )
    return "\n\n".join(teks)


def _aman(teks: str) -> str:
    return teks.replace("{{", "{ {").replace("}}", "} }")


def _analisis_penyebab(s: Sasaran) -> Callable[[Laporan], str]:
    def bawaan(lap: Laporan) -> str:
        kendala = [k for b in s.baris for k in b.kendala]
        lanjut = [t for b in s.baris for t in b.tindak_lanjut]
        teks = []
        tercapai = all(b.capaian is not None and b.capaian >= 100 for b in s.baris)
        if tercapai:
            teks.append(
                "Target indikator pada sasaran ini tercapai, didukung oleh pelaksanaan kegiatan "
                "sesuai rencana aksi dan pemantauan berkala setiap triwulan."
            )
        else:
            teks.append("Sebagian target pada sasaran ini belum tercapai atau belum dapat diukur.")
        if kendala:
            teks.append("Kendala yang dihadapi:\n" + "\n".join(f"- {_aman(k)}" for k in kendala))
        if lanjut:
            teks.append(
                "Upaya dan tindak lanjut yang dilakukan:\n"
                + "\n".join(f"- {_aman(t)}" for t in lanjut)
            )
        return "\n\n".join(teks)

    return bawaan


STANDAR_UMUM = (
    "Belum terdapat standar nasional yang ditetapkan untuk indikatornya; pembandingan "
    "dilakukan terhadap target Perjanjian Kinerja dan target Renstra."
)


def _analisis_standar(s: Sasaran) -> Callable[[Laporan], str]:
    """The sasaran's catalogue indicators against the same indicators of the other offices of
    the province and of the nation in the same year (placeholders: the figures come from the
    data); the general sentence when there is none."""

    def bawaan(lap: Laporan) -> str:
        baris = [
            f"- {{{{indikator:{b.no}:{b.jenis_pk}}}}}: {{{{pembanding:{b.no}:{b.jenis_pk}}}}}."
            for b in s.baris
            if _dapat_dibandingkan(lap, b)
        ]
        # Each line says what it compares; an introduction here would repeat under every sasaran.
        return "\n".join(baris) if baris else STANDAR_UMUM

    return bawaan


PROGRAM_UMUM = (
    "Indikator sasaran ini belum ditautkan ke kegiatan atau output anggaran; program, kegiatan "
    "dan realisasinya untuk seluruh satker disajikan pada {{tabel:anggaran}}."
)


def _analisis_program(s: Sasaran) -> Callable[[Laporan], str]:
    """The kegiatan and outputs linked to the sasaran's indicators, by a placeholder so the
    figures stay computed when the office edits the sentence around them."""

    def bawaan(lap: Laporan) -> str:
        g = lap.anggaran_sasaran.get(s.kunci)
        if g is None or not g.ada:
            return PROGRAM_UMUM
        b = next(b for b in s.baris if b.no not in g.tanpa_tautan)
        return f"Sasaran ini didukung oleh {{{{dukungan:{b.no}:{b.jenis_pk}}}}}."

    return bawaan


def _dukungan(lap: Laporan, args: list[str]) -> str:
    """The kegiatan/outputs behind the sasaran of a PK row, with their budget at its share."""
    b = _baris(lap, args)
    s = next(s for s in lap.semua_sasaran if b in s.baris)
    g = lap.anggaran_sasaran.get(s.kunci)
    if g is None or not g.ada:
        return "kegiatan yang belum ditautkan ke anggaran"
    bagian = []
    for x in g.sumber:
        porsi = f"porsi {fmt.angka(x.porsi)}%: " if x.porsi < 100 else ""
        bagian.append(
            f"{x.kode} {x.nama} ({porsi}pagu {fmt.rupiah(x.total.pagu)}, realisasi "
            f"{fmt.rupiah(x.total.realisasi)}, serapan {fmt.persen(x.total.serapan)})"
        )
    return "; ".join(bagian)


BAGIAN_TETAP = [
    Bagian("kata_pengantar", "Kata Pengantar", _kata_pengantar),
    Bagian("ikhtisar", "Ikhtisar Eksekutif", _ikhtisar),
    Bagian("latar_belakang", "Bab I.A Latar Belakang", lambda lap: LATAR_BELAKANG),
    Bagian("tugas_fungsi", "Bab I.B Kedudukan, Tugas dan Fungsi", lambda lap: TUGAS_FUNGSI),
    Bagian("struktur_organisasi", "Bab I.C Struktur Organisasi", _struktur),
    Bagian("sdm", "Bab I.D Sumber Daya Manusia", lambda lap: SDM),
    Bagian("sistematika", "Bab I.E Sistematika Penyajian", lambda lap: SISTEMATIKA),
    Bagian("perencanaan", "Bab II Pengantar Perencanaan Kinerja", _perencanaan),
    Bagian("pengukuran", "Bab III.A Pengantar Pengukuran Kinerja", _pengukuran),
    Bagian("anggaran", "Bab III.B Realisasi Anggaran", _anggaran_teks),
    Bagian("penutup", "Bab IV Penutup", _penutup),
]

POIN_ANALISIS = {
    "standar": "Perbandingan dengan standar nasional",
    "penyebab": "Penyebab keberhasilan atau kegagalan dan upaya yang dilakukan",
    "program": "Program dan kegiatan yang menunjang",
}


def kunci_analisis(s: Sasaran, poin: str) -> str:
    return f"analisis:{s.kunci}:{poin}"


def daftar_bagian(lap: Laporan) -> list[Bagian]:
    """Every editable section of this report, in print order."""
    hasil = list(BAGIAN_TETAP)
    for pk in lap.pk:
        for i, s in enumerate(pk.sasaran, 1):
            for poin, judul in POIN_ANALISIS.items():
                bawaan = {
                    "standar": _analisis_standar(s),
                    "penyebab": _analisis_penyebab(s),
                    "program": _analisis_program(s),
                }[poin]
                hasil.append(
                    Bagian(
                        kunci_analisis(s, poin),
                        f"Bab III.A {pk.label}, sasaran {i}: {judul}",
                        bawaan,
                    )
                )
    return hasil


def bagian_dari(lap: Laporan, kunci: str) -> Bagian | None:
    return next((b for b in daftar_bagian(lap) if b.kunci == kunci), None)


def teks_mentah(lap: Laporan, bagian: Bagian) -> str:
    """The stored text of a section, or its default."""
    tersimpan = lap.narasi_tersimpan.get(bagian.kunci)
    return tersimpan.teks if tersimpan else bagian.bawaan(lap)


@dataclass(frozen=True)
class TeksTerisi:
    kunci: str
    judul: str
    mentah: str
    teks: str
    galat: list[str]
    tersimpan: bool
    disalin_dari: int | None


def narasi_terisi(lap: Laporan) -> dict[str, TeksTerisi]:
    """Every section's text with its placeholders filled, by key."""
    hasil = {}
    for b in daftar_bagian(lap):
        mentah = teks_mentah(lap, b)
        teks, galat = isi_teks(mentah, lap)
        simpan = lap.narasi_tersimpan.get(b.kunci)
        hasil[b.kunci] = TeksTerisi(
            b.kunci,
            b.judul,
            mentah,
            teks,
            galat,
            simpan is not None,
            simpan.disalin_dari if simpan else None,
        )
    return hasil
