"""The LKjIP of a satker and year: its versions, its narrative text and the justifications.

Figures are never stored here: `laporan.data.build_laporan` reads them through the engine each
time. A final version keeps only what must not change afterwards: the PDF and its SHA-256.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from common.kunci import KunciQuerySet, TerkunciMixin
from common.validators import teks_maks
from kinerja.models import TAHUN
from laporan.kunci import PESAN_FINAL
from satker.models import Satker


def _lokasi_pdf(laporan: "LaporanKinerja", nama: str) -> str:
    return f"laporan/{laporan.satker.kode}/{laporan.tahun}/{nama}"


class LaporanKinerja(TerkunciMixin, models.Model):
    """One version of the LKjIP. The highest version is the one being worked on until final;
    a final version is locked (laporan/kunci.py)."""

    KUNCI = ("status", "FINAL")
    PESAN_KUNCI = PESAN_FINAL

    class Status(models.TextChoices):
        DRAFT = "DRAFT", "Draf"
        FINAL = "FINAL", "Final"

    class Penanda(models.TextChoices):
        KETUA = "KETUA", "Ketua (LK Ketua)"
        SEKRETARIS = "SEKRETARIS", "Sekretaris (LK Sekretariat)"

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="laporan")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    versi = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.DRAFT)
    pdf = models.FileField(upload_to=_lokasi_pdf, blank=True, max_length=300, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        editable=False,
        related_name="+",
    )
    difinalkan_pada = models.DateTimeField(null=True, blank=True, editable=False)
    penandatangan = models.CharField(
        max_length=200, blank=True, editable=False, help_text="Nama yang menandatangani laporan."
    )
    tanggal_laporan = models.DateField(
        "tanggal laporan",
        null=True,
        blank=True,
        help_text="Tanggal di atas tanda tangan; kosong: hari ini bila dalam masa penyusunan "
        "(Januari–Februari tahun berikutnya), selain itu batas akhirnya.",
    )
    ditandatangani = models.CharField(
        "ditandatangani oleh",
        max_length=10,
        choices=Penanda.choices,
        default=Penanda.KETUA,
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = KunciQuerySet.as_manager()

    class Meta:
        verbose_name = "laporan kinerja"
        verbose_name_plural = "laporan kinerja"
        ordering = ["satker__kode", "-tahun", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "versi"], name="laporan_unik_per_versi"
            ),
            models.CheckConstraint(condition=Q(versi__gte=1), name="laporan_versi_positif"),
            models.CheckConstraint(
                condition=Q(status="DRAFT")
                | (Q(difinalkan_pada__isnull=False) & ~Q(sha256="") & ~Q(pdf="")),
                name="laporan_final_lengkap",
            ),
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.satker} {self.tahun} v{self.versi} ({self.get_status_display()})"

    @property
    def final(self) -> bool:
        return self.status == self.Status.FINAL

    def clean(self):
        """The report of a year is dated after that year ends (it reports the whole year)."""
        t = self.tanggal_laporan
        if t is not None and t.year <= self.tahun:
            raise ValidationError(
                {
                    "tanggal_laporan": f"Laporan Kinerja Tahun {self.tahun} diberi tanggal setelah "
                    f"tahun itu berakhir, mulai 1 Januari {self.tahun + 1} (batas penyampaian: "
                    f"akhir Februari {self.tahun + 1})."
                }
            )


class NarasiLaporan(models.Model):
    """The text of one section of the report of a satker and year (see laporan.narasi.BAGIAN)."""

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="narasi_laporan")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    bagian = models.CharField(max_length=120)
    teks = teks_maks(50_000)
    disalin_dari = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Tahun asal teks bila disalin dan belum ditinjau."
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diperbarui = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "narasi laporan"
        verbose_name_plural = "narasi laporan"
        ordering = ["satker__kode", "-tahun", "bagian"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun", "bagian"], name="narasi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.satker} {self.tahun} {self.bagian}"


JUSTIFIKASI_MIN = 10


class JustifikasiPemeriksaan(TerkunciMixin, models.Model):
    """Why a consistency finding may stay in a report version; printed in the report's annex.
    A written reason of at least JUSTIFIKASI_MIN characters, in every channel (form, admin)."""

    KUNCI = ("laporan__status", "FINAL")
    PESAN_KUNCI = PESAN_FINAL

    laporan = models.ForeignKey(
        LaporanKinerja, on_delete=models.CASCADE, related_name="justifikasi"
    )
    kunci = models.CharField(max_length=200, help_text="Kunci temuan pemeriksaan.")
    teks = teks_maks(5000)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pada = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = KunciQuerySet.as_manager()

    class Meta:
        verbose_name = "justifikasi pemeriksaan"
        verbose_name_plural = "justifikasi pemeriksaan"
        ordering = ["laporan", "kunci"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "kunci"], name="justifikasi_unik"),
            models.CheckConstraint(condition=~Q(teks=""), name="justifikasi_berisi"),
        ]

    def __str__(self) -> str:
        return f"{self.laporan}: {self.kunci}"

    def clean(self):
        super().clean()
        self.teks = (self.teks or "").strip()
        if len(self.teks) < JUSTIFIKASI_MIN:
            raise ValidationError(
                {
                    "teks": "Justifikasi kosong atau terlalu pendek tidak disimpan: tuliskan "
                    f"alasannya (paling sedikit {JUSTIFIKASI_MIN} karakter)."
                }
            )


def _lokasi_pdf_draf(berkas: "PdfLaporan", nama: str) -> str:
    return f"laporan/{berkas.satker.kode}/{berkas.tahun}/draf/{nama}"


class PdfLaporan(models.Model):
    """A draft PDF rendered in the background, cached under the fingerprint of its HTML.

    The fingerprint (`sidik`) is the SHA-256 of the exact HTML WeasyPrint lays out, so any
    change to the data, the narrative, the policy, the template or the date gives a new one and
    the old PDF is no longer served. One row per satker, year and fingerprint: requesting the
    same PDF twice queues it once; a render that died is queued again (`laporan.tasks`).
    """

    class Status(models.TextChoices):
        ANTRI = "ANTRI", "Dalam antrean"
        PROSES = "PROSES", "Sedang dirender"
        SIAP = "SIAP", "Siap"
        GAGAL = "GAGAL", "Gagal"
        USANG = "USANG", "Data berubah sebelum selesai"

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="pdf_laporan")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    sidik = models.CharField("sidik data", max_length=64)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.ANTRI)
    berkas = models.FileField(upload_to=_lokasi_pdf_draf, blank=True, max_length=300)
    halaman = models.PositiveIntegerField(null=True, blank=True)
    ukuran = models.PositiveIntegerField("ukuran (bita)", null=True, blank=True)
    detik = models.FloatField("lama render (detik)", null=True, blank=True)
    tugas = models.CharField("id tugas", max_length=64, blank=True)
    percobaan = models.PositiveSmallIntegerField(default=0)
    galat = models.TextField(blank=True)
    diminta = models.DateTimeField(auto_now_add=True)
    mulai = models.DateTimeField(null=True, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)
    # A finalisation (laporan.tasks.finalkan_laporan): who asked, and the final version made.
    final_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hasil = models.ForeignKey(
        LaporanKinerja, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "PDF draf laporan"
        verbose_name_plural = "PDF draf laporan"
        ordering = ["satker__kode", "-tahun", "-diminta"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun", "sidik"], name="pdf_unik_per_sidik"),
        ]
        indexes = [models.Index(fields=["status", "diminta"], name="pdf_status_diminta")]

    def __str__(self) -> str:
        return f"PDF {self.satker} {self.tahun} {self.sidik[:12]} ({self.get_status_display()})"


def _lokasi_gambar(isi: "IsiBab", nama: str) -> str:
    return f"laporan/{isi.satker.kode}/{isi.tahun}/gambar/{nama}"


class IsiBab(models.Model):
    """What an office adds to a chapter of its LKjIP, printed after the chapter's own content in
    `urutan` order: a sub-section (heading and text), a picture with its caption (uploaded, or an
    evidence photo of a realisasi of the same year), or a simple table (pasted from a
    spreadsheet: tab-separated, the first line holds the column names). Pictures and tables are
    numbered in their chapter and listed in the Daftar Gambar and Daftar Tabel."""

    class Jenis(models.TextChoices):
        TEKS = "TEKS", "Sub-bagian (judul dan teks)"
        GAMBAR = "GAMBAR", "Gambar"
        TABEL = "TABEL", "Tabel"

    class Bab(models.IntegerChoices):
        PENDAHULUAN = 1, "BAB I Pendahuluan"
        PERENCANAAN = 2, "BAB II Perencanaan Kinerja"
        AKUNTABILITAS = 3, "BAB III Akuntabilitas Kinerja"
        PENUTUP = 4, "BAB IV Penutup"

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="isi_laporan")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    bab = models.PositiveSmallIntegerField(choices=Bab.choices)
    jenis = models.CharField(max_length=6, choices=Jenis.choices)
    judul = models.CharField(
        max_length=300, help_text="Judul sub-bagian, keterangan gambar, atau judul tabel."
    )
    teks = teks_maks(
        20000,
        blank=True,
        help_text="Sub-bagian: paragraf dipisah baris kosong, baris berawalan “- ” menjadi daftar. "
        "Tabel: tempel dari spreadsheet (kolom dipisah tab, baris pertama judul kolom).",
    )
    gambar = models.FileField(upload_to=_lokasi_gambar, blank=True, max_length=300)
    bukti = models.ForeignKey(
        "kinerja.Realisasi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Foto bukti yang sudah diunggah bersama realisasi.",
    )
    sumber = models.CharField(max_length=200, blank=True, help_text="Sumber gambar atau tabel.")
    urutan = models.PositiveSmallIntegerField(default=0)
    diperbarui = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "isi tambahan laporan"
        verbose_name_plural = "isi tambahan laporan"
        ordering = ["satker__kode", "-tahun", "bab", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.judul}"

    def clean(self):
        if self.jenis == self.Jenis.TEKS and not self.teks.strip():
            raise ValidationError({"teks": "Tulis teks sub-bagian."})
        if self.jenis == self.Jenis.TABEL:
            try:
                baca_tabel(self.teks)
            except ValueError as exc:
                raise ValidationError({"teks": str(exc)}) from exc
        if self.jenis == self.Jenis.GAMBAR:
            if bool(self.gambar) == bool(self.bukti_id):
                raise ValidationError(
                    {"gambar": "Unggah satu gambar, atau pilih satu foto bukti (bukan keduanya)."}
                )
            b = self.bukti
            if b is not None and (
                b.baris.perjanjian.satker_id != self.satker_id
                or b.baris.perjanjian.tahun != self.tahun
                or not b.bukti_file.name.lower().endswith((".png", ".jpg"))
            ):
                raise ValidationError(
                    {
                        "bukti": "Pilih foto bukti (JPG/PNG) dari realisasi satker ini pada "
                        "tahun laporan."
                    }
                )


MAKS_KOLOM, MAKS_BARIS = 12, 300


def baca_tabel(teks: str) -> list[list[str]]:
    """A table pasted from a spreadsheet: rows of tab-separated cells, the first row the column
    names; surrounding empty rows and columns dropped. Raises ValueError with the reason."""
    baris = [b.split("\t") for b in teks.replace("\r\n", "\n").split("\n")]
    baris = [[s.strip() for s in b] for b in baris if any(s.strip() for s in b)]
    if len(baris) < 2:
        raise ValueError(
            "Tempel sedikitnya dua baris dari spreadsheet: judul kolom dan satu baris isi "
            "(kolom dipisah tab)."
        )
    lebar = max(len(b) for b in baris)
    while lebar > 1 and not any(len(b) >= lebar and b[lebar - 1] for b in baris):
        lebar -= 1
    if lebar < 2:
        raise ValueError("Tabel perlu sedikitnya dua kolom (kolom dipisah tab).")
    if lebar > MAKS_KOLOM or len(baris) > MAKS_BARIS:
        raise ValueError(
            f"Tabel terlalu besar: paling banyak {MAKS_KOLOM} kolom dan {MAKS_BARIS} baris."
        )
    return [(b + [""] * lebar)[:lebar] for b in baris]


class KomentarReviu(models.Model):
    """A provincial reviewer's comment on an office's year, attached to the exact place it is
    about (an indicator row, a report section, a budget line, a consistency finding, or the
    report as a whole), on the report version it was written against. The office answers it
    (fixed or explained), the reviewer closes it. Kept after finalising: the report's
    consistency annex lists every comment and how it was settled."""

    class Tempat(models.TextChoices):
        UMUM = "UMUM", "Laporan secara umum"
        BARIS = "BARIS", "Indikator PK"
        TRIWULAN = "TRIWULAN", "Realisasi triwulan"
        BAGIAN = "BAGIAN", "Bagian laporan"
        ANGGARAN = "ANGGARAN", "Baris anggaran"
        TEMUAN = "TEMUAN", "Catatan pemeriksaan"

    class Status(models.TextChoices):
        TERBUKA = "TERBUKA", "Terbuka"
        DIJAWAB = "DIJAWAB", "Dijawab"
        DITUTUP = "DITUTUP", "Selesai"

    class Jawaban(models.TextChoices):
        DIPERBAIKI = "DIPERBAIKI", "Sudah diperbaiki"
        DIJELASKAN = "DIJELASKAN", "Dijelaskan"

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="komentar_reviu")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    versi = models.PositiveSmallIntegerField(help_text="versi laporan yang dikomentari")
    tempat = models.CharField(max_length=10, choices=Tempat.choices, default=Tempat.UMUM)
    acuan = models.CharField(max_length=200, blank=True, help_text="kunci tempat yang dikomentari")
    label_tempat = models.CharField(max_length=300, blank=True)
    teks = teks_maks(5000)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TERBUKA)
    jenis_jawaban = models.CharField(max_length=12, choices=Jawaban.choices, blank=True)
    jawaban = models.TextField(blank=True, max_length=5000)
    dijawab_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dijawab_pada = models.DateTimeField(null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditutup_pada = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "komentar reviu"
        verbose_name_plural = "komentar reviu"
        ordering = ["satker", "tahun", "dibuat", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(teks=""), name="komentar_berisi"),
            models.CheckConstraint(
                condition=Q(status="TERBUKA") | ~Q(jawaban=""), name="komentar_dijawab_berisi"
            ),
        ]

    def __str__(self) -> str:
        return f"Komentar {self.satker} {self.tahun}: {self.teks[:60]}"


class ReviuAPIP(models.Model):
    """The inspectorate's review of a report version (PermenPANRB 53/2014, "Reviu atas Laporan
    Kinerja"): who, when, and the statement printed as the report's "Pernyataan Telah
    Direviu" page."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="reviu_apip")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    versi = models.PositiveSmallIntegerField()
    pernyataan = teks_maks(5000)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama = models.CharField("nama pereviu", max_length=200)
    jabatan = models.CharField(max_length=200, blank=True)
    pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "reviu APIP"
        verbose_name_plural = "reviu APIP"
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "versi"], name="reviu_apip_sekali_per_versi"
            ),
            models.CheckConstraint(condition=~Q(pernyataan=""), name="reviu_apip_berisi"),
        ]

    def __str__(self) -> str:
        return f"Reviu APIP {self.satker} {self.tahun} versi {self.versi}"
