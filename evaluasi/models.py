"""The AKIP evaluation instrument (Lembar Kerja Evaluasi, PermenPANRB 88/2021) as data (issue 18).

An instrument is in force from a year until the next one: its components, sub-components and
criteria with their weights, the value of each answer (Y/T, A-E) and the grade bands. Scores are
never stored: `evaluasi.skor` computes them from the answers.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

BOBOT = [MinValueValidator(0), MaxValueValidator(100)]


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


class Kriteria(models.Model):
    sub = models.ForeignKey(SubKomponen, on_delete=models.CASCADE, related_name="kriteria")
    kode = models.CharField(max_length=12)
    uraian = models.TextField()
    skala = models.CharField(max_length=2, choices=Skala.choices)
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
