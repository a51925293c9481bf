"""The AKIP evaluation instrument (Lembar Kerja Evaluasi, PermenPANRB 88/2021) as data (issue 18).

An instrument is in force from a year until the next one: its components, sub-components and
criteria with their weights, the value of each answer (Y/T, A-E) and the grade bands. Scores are
never stored: `evaluasi.skor` computes them from the answers.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from common.kunci import KunciQuerySet, TerkunciMixin
from common.validators import teks_maks
from evaluasi.kunci import PESAN_FINAL
from satker.models import Peran, Satker

BOBOT = [MinValueValidator(0), MaxValueValidator(100)]
TAHUN = [MinValueValidator(2000), MaxValueValidator(2100)]


class Skala(models.TextChoices):
    YT = "YT", "Ya / Tidak"
    AE = "AE", "A sampai E"


JAWABAN = {Skala.YT: ("Y", "T"), Skala.AE: ("A", "B", "C", "D", "E")}


class Instrumen(models.Model):
    nama = models.CharField(max_length=200)
    dasar = models.CharField("dasar hukum", max_length=300)
    berlaku_dari = models.PositiveSmallIntegerField(
        "berlaku mulai tahun",
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="Instrumen dipakai untuk evaluasi tahun ini dan seterusnya sampai ada "
        "instrumen yang lebih baru.",
    )
    catatan = models.TextField(blank=True, help_text="Sumber bobot dan angka yang diasumsikan.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "instrumen LKE"
        verbose_name_plural = "instrumen LKE"
        ordering = ["-berlaku_dari"]

    def __str__(self) -> str:
        return f"{self.nama} (mulai {self.berlaku_dari})"


class Komponen(models.Model):
    instrumen = models.ForeignKey(Instrumen, on_delete=models.CASCADE, related_name="komponen")
    kode = models.CharField(max_length=10)
    nama = models.CharField(max_length=200)
    bobot = models.DecimalField(max_digits=5, decimal_places=2, validators=BOBOT)
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "komponen LKE"
        verbose_name_plural = "komponen LKE"
        ordering = ["instrumen", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["instrumen", "kode"], name="komponen_lke_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama} ({self.bobot})"


class SubKomponen(models.Model):
    komponen = models.ForeignKey(Komponen, on_delete=models.CASCADE, related_name="sub")
    kode = models.CharField(max_length=10)
    nama = models.CharField(max_length=200)
    bobot = models.DecimalField(max_digits=5, decimal_places=2, validators=BOBOT)
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "subkomponen LKE"
        verbose_name_plural = "subkomponen LKE"
        ordering = ["komponen", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["komponen", "kode"], name="subkomponen_lke_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama} ({self.bobot})"


class Otomatis(models.TextChoices):
    """What the system can answer of a criterion from its own data (evaluasi/otomatis.py)."""

    PK_TEPAT_WAKTU = "PK_TEPAT_WAKTU", "PK ditandatangani paling lambat 31 Januari"
    TARGET_TRIWULAN = "TARGET_TRIWULAN", "Target kinerja dijabarkan per triwulan"
    REALISASI_TRIWULAN = "REALISASI_TRIWULAN", "Realisasi diisi tiap triwulan"
    LKJIP_ADA = "LKJIP_ADA", "LKjIP final tersedia"
    LKJIP_TEPAT_WAKTU = "LKJIP_TEPAT_WAKTU", "LKjIP final sebelum akhir Februari"
    BANDING_TAHUN_LALU = "BANDING_TAHUN_LALU", "Ada perbandingan dengan tahun lalu"
    TINDAK_LANJUT = "TINDAK_LANJUT", "Rekomendasi evaluasi tahun lalu ditindaklanjuti"


class Kriteria(models.Model):
    sub = models.ForeignKey(SubKomponen, on_delete=models.CASCADE, related_name="kriteria")
    kode = models.CharField(max_length=12)
    uraian = models.TextField()
    skala = models.CharField(max_length=2, choices=Skala.choices)
    otomatis = models.CharField(
        "diisi otomatis dari",
        max_length=20,
        choices=Otomatis.choices,
        blank=True,
        help_text="Jawaban penilaian mandiri diusulkan sistem dari datanya sendiri, dengan "
        "alasannya; satker dapat mengubahnya dengan catatan.",
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kriteria LKE"
        verbose_name_plural = "kriteria LKE"
        ordering = ["sub", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["sub", "kode"], name="kriteria_lke_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian[:60]}"


class NilaiJawaban(models.Model):
    """The value of an answer on a scale (Y 1, T 0; A 1, B 0,75, ... E 0)."""

    instrumen = models.ForeignKey(Instrumen, on_delete=models.CASCADE, related_name="nilai")
    skala = models.CharField(max_length=2, choices=Skala.choices)
    jawaban = models.CharField(max_length=1)
    nilai = models.DecimalField(
        max_digits=4, decimal_places=3, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nilai jawaban LKE"
        verbose_name_plural = "nilai jawaban LKE"
        ordering = ["instrumen", "skala", "jawaban"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrumen", "skala", "jawaban"], name="nilai_jawaban_unik"
            ),
            models.CheckConstraint(
                condition=Q(nilai__gte=0, nilai__lte=1), name="nilai_jawaban_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jawaban} = {self.nilai}"


class Predikat(models.Model):
    """A grade band: the grade of a total score above `batas` (the highest band that fits)."""

    instrumen = models.ForeignKey(Instrumen, on_delete=models.CASCADE, related_name="predikat")
    predikat = models.CharField(max_length=2)
    batas = models.DecimalField(
        "nilai di atas", max_digits=5, decimal_places=2, validators=BOBOT, default=Decimal(0)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "predikat LKE"
        verbose_name_plural = "predikat LKE"
        ordering = ["instrumen", "-batas"]
        constraints = [
            models.UniqueConstraint(fields=["instrumen", "predikat"], name="predikat_lke_unik")
        ]

    def __str__(self) -> str:
        return f"{self.predikat} (> {self.batas})"


# ---------------------------------------------------------------- the evaluation of an office


class KebijakanEvaluasi(models.Model):
    """Who evaluates the offices' LKE of a year (KPU RI's policy for that year)."""

    tahun = models.PositiveSmallIntegerField(unique=True, validators=TAHUN)
    evaluator = models.CharField(
        max_length=12,
        choices=[
            (Peran.Jenis.REVIEWER, "KPU provinsi (reviewer satker induk)"),
            (Peran.Jenis.APIP, "Inspektorat (APIP)"),
        ],
        default=Peran.Jenis.REVIEWER,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kebijakan evaluasi AKIP"
        verbose_name_plural = "kebijakan evaluasi AKIP"
        ordering = ["-tahun"]

    def __str__(self) -> str:
        return f"Evaluasi AKIP {self.tahun}: {self.get_evaluator_display()}"


class Evaluasi(TerkunciMixin, models.Model):
    """An office's LKE of a year: its self-assessment, the evaluator's scores and
    recommendations. Final locks it; the total and grade are sealed then (the announced grade
    does not move when KPU RI edits the instrument later)."""

    class Status(models.TextChoices):
        DRAF = "DRAF", "Penilaian mandiri"
        DIAJUKAN = "DIAJUKAN", "Diajukan untuk dievaluasi"
        DIEVALUASI = "DIEVALUASI", "Dievaluasi"
        FINAL = "FINAL", "Final"

    KUNCI = ("status", "FINAL")
    PESAN_KUNCI = PESAN_FINAL

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="evaluasi_akip")
    tahun = models.PositiveSmallIntegerField("tahun yang dievaluasi", validators=TAHUN)
    tahun_pengumuman = models.PositiveSmallIntegerField(
        "tahun diumumkan",
        validators=TAHUN,
        help_text="Predikat final menjadi realisasi indikator Nilai Akuntabilitas Kinerja pada "
        "PK tahun ini.",
    )
    instrumen = models.ForeignKey(Instrumen, on_delete=models.PROTECT, related_name="evaluasi")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAF)
    simpulan = teks_maks(5000, "simpulan evaluator", blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True, editable=False)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dievaluasi_pada = models.DateTimeField(null=True, blank=True, editable=False)
    dievaluasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    difinalkan_pada = models.DateTimeField(null=True, blank=True, editable=False)
    nilai_akhir = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    predikat_akhir = models.CharField(max_length=2, blank=True, editable=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = KunciQuerySet.as_manager()

    class Meta:
        verbose_name = "evaluasi AKIP (LKE)"
        verbose_name_plural = "evaluasi AKIP (LKE)"
        ordering = ["satker__kode", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun"], name="evaluasi_satker_tahun"),
            models.CheckConstraint(
                condition=~Q(status="FINAL") | Q(nilai_akhir__isnull=False),
                name="evaluasi_final_bernilai",
            ),
        ]

    def __str__(self) -> str:
        return f"LKE {self.satker} {self.tahun}"


class Jawaban(TerkunciMixin, models.Model):
    """One criterion of an evaluation: the office's answer with its note and evidence, and the
    evaluator's answer with theirs."""

    KUNCI = ("evaluasi__status", "FINAL")
    PESAN_KUNCI = PESAN_FINAL

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="jawaban")
    kriteria = models.ForeignKey(Kriteria, on_delete=models.PROTECT, related_name="+")
    mandiri = models.CharField("jawaban satker", max_length=1, blank=True)
    catatan = teks_maks(3000, "catatan satker", blank=True)
    alasan_sistem = models.CharField(
        "alasan sistem",
        max_length=300,
        blank=True,
        help_text="Alasan jawaban yang diusulkan sistem, dicatat saat diajukan.",
    )
    tautan = models.URLField("tautan bukti", max_length=500, blank=True)
    dokumen = models.CharField("dokumen dalam sistem", max_length=300, blank=True)
    berkas = models.FileField("berkas bukti", upload_to="lke/%Y/", blank=True, max_length=300)
    evaluator = models.CharField("jawaban evaluator", max_length=1, blank=True)
    catatan_evaluator = teks_maks(3000, blank=True)
    diperbarui = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = KunciQuerySet.as_manager()

    class Meta:
        verbose_name = "jawaban LKE"
        verbose_name_plural = "jawaban LKE"
        ordering = [
            "evaluasi",
            "kriteria__sub__komponen__urutan",
            "kriteria__sub__urutan",
            "kriteria__urutan",
        ]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "kriteria"], name="jawaban_lke_unik")
        ]

    def __str__(self) -> str:
        return f"{self.evaluasi} {self.kriteria.kode}"

    def clean(self):
        super().clean()
        boleh = JAWABAN[self.kriteria.skala]
        galat = {}
        for kolom in ("mandiri", "evaluator"):
            nilai = getattr(self, kolom).strip().upper()
            setattr(self, kolom, nilai)
            if nilai and nilai not in boleh:
                galat[kolom] = f"Jawaban '{nilai}' tidak dikenal; pilih {' / '.join(boleh)}."
        # a page of this site (the form offers the office's documents), never another scheme
        if self.dokumen and not (
            self.dokumen.startswith("/") and not self.dokumen.startswith("//")
        ):
            galat["dokumen"] = "Dokumen harus berupa halaman dalam aplikasi ini."
        if galat:
            raise ValidationError(galat)


class Rekomendasi(TerkunciMixin, models.Model):
    """An evaluator's recommendation and the office's follow-up (tindak lanjut) until the
    evaluator closes it. The follow-up stays open after the LKE is final: it is done then."""

    class Status(models.TextChoices):
        TERBUKA = "TERBUKA", "Belum ditindaklanjuti"
        DITINDAKLANJUTI = "DITINDAKLANJUTI", "Ditindaklanjuti, menunggu penilaian"
        SELESAI = "SELESAI", "Selesai"

    KUNCI = ("evaluasi__status", "FINAL")
    PESAN_KUNCI = PESAN_FINAL
    KOLOM_BEBAS = ("tindak_lanjut", "tautan", "status", "ditindaklanjuti_pada", "ditutup_pada")

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="rekomendasi")
    komponen = models.ForeignKey(
        Komponen, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uraian = teks_maks(3000, "rekomendasi")
    batas = models.DateField("batas tindak lanjut", null=True, blank=True)
    tindak_lanjut = teks_maks(3000, blank=True)
    tautan = models.URLField("tautan bukti tindak lanjut", max_length=500, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.TERBUKA)
    ditindaklanjuti_pada = models.DateTimeField(null=True, blank=True, editable=False)
    ditutup_pada = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = KunciQuerySet.as_manager()

    class Meta:
        verbose_name = "rekomendasi LKE"
        verbose_name_plural = "rekomendasi LKE"
        ordering = ["evaluasi", "id"]

    def __str__(self) -> str:
        return self.uraian[:80]
