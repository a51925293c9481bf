from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from common.validators import NIP_REGEX, KodeField, kode_constraint, teks_maks, validasi_nip


class Satker(models.Model):
    class Tingkat(models.TextChoices):
        RI = "RI", "KPU RI"
        PROVINSI = "PROVINSI", "KPU Provinsi"
        KABUPATEN = "KABUPATEN", "KPU Kabupaten"
        KOTA = "KOTA", "KPU Kota"

    kode = models.CharField(
        max_length=10, unique=True, help_text="Kode wilayah (16, 1672) atau RI untuk KPU RI."
    )
    nama = models.CharField(max_length=200)
    tingkat = models.CharField(max_length=10, choices=Tingkat.choices)
    induk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="anak"
    )
    alamat = teks_maks(500, blank=True)
    kota = models.CharField(
        max_length=100, blank=True, help_text="Tempat yang ditulis di atas tanda tangan."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "satker"
        verbose_name_plural = "satker"
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tingkat="RI", induk__isnull=True) | Q(induk__isnull=False),
                name="satker_induk_wajib_kecuali_ri",
            ),
            models.CheckConstraint(condition=~Q(induk=F("id")), name="satker_bukan_induk_sendiri"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def provinsi(self) -> "Satker | None":
        """The KPU Provinsi this satker belongs to (itself for a province)."""
        if self.tingkat == self.Tingkat.PROVINSI:
            return self
        if self.tingkat in (self.Tingkat.KABUPATEN, self.Tingkat.KOTA):
            return self.induk
        return None


class Pejabat(models.Model):
    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="pejabat")
    nama = models.CharField(max_length=200)
    nip = KodeField("NIP", max_length=30, pola=validasi_nip)
    jabatan = models.CharField(max_length=150, help_text="Ketua, Anggota, Sekretaris, Kasubbag …")
    divisi = models.CharField(max_length=200, blank=True)
    mulai = models.DateField("mulai menjabat", null=True, blank=True)
    selesai = models.DateField("selesai menjabat", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["satker__kode", "jabatan", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "jabatan", "nama"], name="pejabat_unik_per_satker"
            ),
            models.CheckConstraint(
                condition=Q(selesai__isnull=True)
                | Q(mulai__isnull=True)
                | Q(selesai__gte=F("mulai")),
                name="pejabat_periode_urut",
            ),
            kode_constraint("nip", NIP_REGEX, "pejabat_nip_18_angka"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"

    def clean(self):
        if self.mulai and self.selesai and self.selesai < self.mulai:
            raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})


class Peran(models.Model):
    """A user's role at a satker. A reviewer's role covers its satker and every satker below."""

    class Jenis(models.TextChoices):
        OPERATOR = "OPERATOR", "Operator"
        SEKRETARIS = "SEKRETARIS", "Sekretaris"
        KETUA = "KETUA", "Ketua / Komisioner"
        REVIEWER = "REVIEWER", "Reviewer"
        ADMIN = "ADMIN", "Admin"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peran"
    )
    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="peran")
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "peran"
        verbose_name_plural = "peran"
        constraints = [
            models.UniqueConstraint(fields=["user", "satker", "jenis"], name="peran_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_jenis_display()} {self.satker}"
