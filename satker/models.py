from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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
    divisi = models.CharField(
        max_length=200,
        blank=True,
        help_text="Divisi komisioner, atau unit kerja pejabat sekretariat.",
    )
    tugas = teks_maks(
        5000,
        blank=True,
        help_text="Tugas divisi atau unit, satu tugas per baris (dicetak di BAB I).",
    )
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


def _tahun_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )


class Pegawai(models.Model):
    """A member of the office's staff in a year: the SDM tables of BAB I are counted from these."""

    class Status(models.TextChoices):
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"
        PPNPN = "PPNPN", "PPNPN"
        LAINNYA = "LAINNYA", "Lainnya"

    class Pendidikan(models.TextChoices):
        SD = "SD", "SD"
        SMP = "SMP", "SMP"
        SMA = "SMA", "SMA/SMK"
        D3 = "D3", "D-III"
        D4 = "D4", "D-IV"
        S1 = "S1", "S-1"
        S2 = "S2", "S-2"
        S3 = "S3", "S-3"

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="pegawai")
    tahun = _tahun_field()
    nama = models.CharField(max_length=200)
    nip = KodeField("NIP", max_length=30, pola=validasi_nip)
    status = models.CharField(max_length=8, choices=Status.choices)
    golongan = models.CharField(
        max_length=10, blank=True, help_text="Golongan/ruang PNS (III/a) atau golongan PPPK (IX)."
    )
    pendidikan = models.CharField(max_length=3, choices=Pendidikan.choices)
    jabatan = models.CharField(max_length=200, blank=True)
    unit = models.CharField("unit kerja", max_length=200, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["satker__kode", "tahun", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun", "nama"], name="pegawai_unik"),
            kode_constraint("nip", NIP_REGEX, "pegawai_nip_18_angka"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.get_status_display()})"


class Aset(models.Model):
    """Land, a building, vehicles or other state property (BMN) the office holds in a year."""

    class Jenis(models.TextChoices):
        TANAH = "TANAH", "Tanah"
        BANGUNAN = "BANGUNAN", "Gedung dan bangunan"
        RODA4 = "RODA4", "Kendaraan roda empat"
        RODA2 = "RODA2", "Kendaraan roda dua"
        LAINNYA = "LAINNYA", "Lainnya"

    class Kondisi(models.TextChoices):
        BAIK = "BAIK", "Baik"
        RUSAK_RINGAN = "RUSAK_RINGAN", "Rusak ringan"
        RUSAK_BERAT = "RUSAK_BERAT", "Rusak berat"

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="aset")
    tahun = _tahun_field()
    jenis = models.CharField(max_length=8, choices=Jenis.choices)
    uraian = models.CharField(max_length=300)
    jumlah = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10**9)]
    )
    satuan = models.CharField(max_length=20, help_text="unit, m², bidang …")
    kondisi = models.CharField(max_length=12, choices=Kondisi.choices, default=Kondisi.BAIK)
    nilai = models.BigIntegerField(
        "nilai (Rp)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Nilai perolehan menurut laporan BMN, bila ada.",
    )
    keterangan = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "aset (BMN)"
        verbose_name_plural = "aset (BMN)"
        ordering = ["satker__kode", "tahun", "jenis", "uraian", "kondisi"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "jenis", "uraian", "kondisi"], name="aset_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.uraian} ({self.jumlah} {self.satuan}, {self.get_kondisi_display()})"


class Peran(models.Model):
    """A user's role at a satker. A reviewer's role covers its satker and every satker below."""

    class Jenis(models.TextChoices):
        OPERATOR = "OPERATOR", "Operator"
        SEKRETARIS = "SEKRETARIS", "Sekretaris"
        KETUA = "KETUA", "Ketua / Komisioner"
        REVIEWER = "REVIEWER", "Reviewer"
        APIP = "APIP", "Reviewer APIP (Inspektorat)"
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


class Notifikasi(models.Model):
    """A message to one person: in the application (the bell) and, unless they turned the kind
    off, by e-mail. `kunci` makes a reminder idempotent: one person gets one notification per
    key (the reminder job may run any number of times a day)."""

    class Jenis(models.TextChoices):
        PK_DIAJUKAN = "PK_DIAJUKAN", "PK menunggu tanda tangan"
        DIKEMBALIKAN = "DIKEMBALIKAN", "Dikembalikan untuk diperbaiki"
        DIJAWAB = "DIJAWAB", "Komentar reviu dijawab"
        DIREVIU = "DIREVIU", "Reviu APIP dicatat"
        DITANDATANGANI = "DITANDATANGANI", "PK ditandatangani"
        FINAL = "FINAL", "LKjIP difinalkan"
        TENGGAT = "TENGGAT", "Tenggat mendekat"
        TERLAMBAT = "TERLAMBAT", "Tenggat terlewat"
        LKE = "LKE", "Evaluasi AKIP (LKE)"

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi"
    )
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    judul = models.CharField(max_length=300)
    tautan = models.CharField(max_length=300, help_text="alamat halaman yang dituju")
    kunci = models.CharField(max_length=200, blank=True, default="")
    dibuat = models.DateTimeField(auto_now_add=True)
    dibaca = models.DateTimeField(null=True, blank=True)
    email_terkirim = models.BooleanField(default=False)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["penerima", "dibaca"], name="notifikasi_belum_dibaca")]
        constraints = [
            models.UniqueConstraint(
                fields=["penerima", "kunci"],
                condition=~Q(kunci=""),
                name="notifikasi_sekali_per_kunci",
            ),
        ]

    def __str__(self) -> str:
        return self.judul


class EmailMati(models.Model):
    """A kind of notification a person does not want by e-mail (every kind is on by default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_mati"
    )
    jenis = models.CharField(max_length=20, choices=Notifikasi.Jenis.choices)

    class Meta:
        verbose_name = "e-mail yang dimatikan"
        verbose_name_plural = "e-mail yang dimatikan"
        constraints = [
            models.UniqueConstraint(fields=["user", "jenis"], name="email_mati_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.user} tanpa e-mail {self.get_jenis_display()}"
