"""Plans, agreements, realisations and budget of a satker.

Targets and realisasi keep what the user wrote (`teks`) next to the value read from it
(`angka` for numbers, `kode` for grades and opinions). The read value is always re-derived from
the text on save, so the two cannot drift apart. Capaian, totals and serapan are never stored:
`kinerja.capaian` computes them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from common.kunci import KunciQuerySet, TerkunciMixin
from common.validators import (
    AKUN_REGEX,
    NIP_REGEX,
    KodeField,
    kode_constraint,
    teks_maks,
    validasi_akun,
    validasi_nip,
)
from kinerja.capaian import Agregasi, Arah, Periode, RumusTurun
from kinerja.kunci import PESAN_PK
from kinerja.nilai import JenisNilai, Nilai, NilaiError, jenis_target, nilai_tersimpan, parse_nilai
from satker.models import Satker

TAHUN = [MinValueValidator(2000), MaxValueValidator(2100)]
UANG = {"default": 0, "validators": [MinValueValidator(0)]}


def _non_negatif(*fields: str, nama: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(condition=Q(**{f"{f}__gte": 0}), name=f"{nama}_{f}_non_negatif")
        for f in fields
    ]


def isi_nilai(obj: models.Model, prefix: str, jenis: str = "", nilai: Nilai | None = None) -> None:
    """Set `<prefix>_angka` and `<prefix>_kode` from the text in `<prefix>`: from `nilai` when
    the caller has just read it (a value is parsed once per write), else read here."""
    teks = getattr(obj, prefix)
    terbaca = getattr(obj, "_nilai_terbaca", {})
    if nilai is None and terbaca.get(prefix, (None,))[0] == (teks, jenis):
        nilai = terbaca[prefix][1]
    elif nilai is None:
        nilai = parse_nilai(teks, jenis=jenis)
    setattr(obj, f"{prefix}_angka", nilai.angka if nilai else None)
    setattr(obj, f"{prefix}_kode", nilai.kode if nilai else "")
    obj._nilai_terbaca = {**terbaca, prefix: ((teks, jenis), nilai)}


def baca_isian(obj: models.Model, prefix: str, jenis: str, field: str | None = None) -> None:
    """Model.clean() of a typed value: read it as `jenis`, or say why not under `field`."""
    try:
        isi_nilai(obj, prefix, jenis)
    except NilaiError as exc:
        raise ValidationError({field or prefix: str(exc)}) from exc


def baca_nilai(obj: models.Model, prefix: str, jenis: str) -> Nilai | None:
    """The stored value of `<prefix>` as a Nilai of the indicator's kind."""
    return nilai_tersimpan(
        getattr(obj, prefix), getattr(obj, f"{prefix}_angka"), getattr(obj, f"{prefix}_kode"), jenis
    )


def _angka_field() -> models.DecimalField:
    return models.DecimalField(
        max_digits=21, decimal_places=4, null=True, blank=True, editable=False
    )


def _kode_field() -> models.CharField:
    return models.CharField(max_length=4, blank=True, editable=False)


class NilaiMixin(models.Model):
    """A value typed by a user (`teks`) with its parsed form; the kind comes from `jenis_nilai`."""

    teks = models.CharField("nilai (seperti ditulis)", max_length=100)
    teks_angka = _angka_field()
    teks_kode = _kode_field()

    class Meta:
        abstract = True

    field_isian = "teks"

    def save(self, *args, **kwargs):
        isi_nilai(self, "teks", self.jenis_nilai)
        super().save(*args, **kwargs)

    def clean(self):
        baca_isian(self, "teks", self.jenis_nilai, self.field_isian)

    @property
    def jenis_nilai(self) -> str:
        raise NotImplementedError

    @property
    def nilai(self) -> Nilai | None:
        return baca_nilai(self, "teks", self.jenis_nilai)


# ---------------------------------------------------------------- Renstra and indicators


class Renstra(models.Model):
    satker = models.ForeignKey(
        Satker,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="renstra",
        help_text="Kosong untuk Renstra nasional KPU.",
    )
    tahun_awal = models.PositiveSmallIntegerField(validators=TAHUN)
    tahun_akhir = models.PositiveSmallIntegerField(validators=TAHUN)
    visi = teks_maks(5000)
    misi = teks_maks(5000, help_text="Satu misi per baris.")
    tujuan = teks_maks(5000, blank=True, help_text="Satu tujuan per baris.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["-tahun_awal"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun_awal"], name="renstra_unik_satker"),
            models.UniqueConstraint(
                fields=["tahun_awal"],
                condition=Q(satker__isnull=True),
                name="renstra_unik_nasional",
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=F("tahun_awal")), name="renstra_periode_urut"
            ),
        ]

    def __str__(self) -> str:
        pemilik = self.satker or "KPU (nasional)"
        return f"Renstra {pemilik} {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def daftar_misi(self) -> list[str]:
        return [m.strip() for m in self.misi.splitlines() if m.strip()]

    @property
    def daftar_tujuan(self) -> list[str]:
        return [t.strip() for t in self.tujuan.splitlines() if t.strip()]


class JenisPK(models.TextChoices):
    """The two PKs of a satker (PerjanjianKinerja.Jenis); a catalogue sasaran names its PK."""

    KPU = "KPU", "PK Komisioner (KPU)"
    SEKRETARIAT = "SEKRETARIAT", "PK Sekretariat"


class TingkatIndikator(models.TextChoices):
    SEMUA = "SEMUA", "Semua satker"
    PROVINSI = "PROVINSI", "KPU Provinsi"
    KABKOTA = "KABKOTA", "KPU Kabupaten/Kota"


class SasaranStrategis(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran")
    kode = models.CharField(
        max_length=20, help_text="Kode nasional yang tetap, mis. SS25.1; tidak berubah."
    )
    nama = teks_maks(1000)
    jenis_pk = models.CharField(
        "PK",
        max_length=12,
        choices=JenisPK.choices,
        blank=True,
        help_text="PK tempat sasaran ini dimuat; kosong: keduanya.",
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sasaran strategis"
        verbose_name_plural = "sasaran strategis"
        ordering = ["renstra", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "kode"], name="sasaran_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class DataPemilu(models.TextChoices):
    """Which figure of the election data an indicator's realisasi is (kinerja.capaian)."""

    PARTISIPASI = "PARTISIPASI", "Partisipasi pemilih"
    PEREMPUAN = "PEREMPUAN", "Partisipasi pemilih perempuan"
    DISABILITAS = "DISABILITAS", "Partisipasi pemilih disabilitas"
    PEMULA = "PEMULA", "Partisipasi pemilih pemula"
    # Not election data: the grade of the office's final AKIP evaluation (app evaluasi).
    AKIP = "AKIP", "Predikat evaluasi AKIP (LKE final)"


class IndikatorKinerja(models.Model):
    sasaran = models.ForeignKey(
        SasaranStrategis, on_delete=models.CASCADE, related_name="indikator"
    )
    kode = models.CharField(
        max_length=20,
        help_text="Kode nasional yang tetap: indikator yang berlanjut ke Renstra berikutnya "
        "memakai kode yang sama.",
    )
    nama = teks_maks(
        1000, help_text="Tulis “KPU Kabupaten/Kota” atau “KPU Provinsi”: diganti nama satker di PK."
    )
    tingkat = models.CharField(
        max_length=8, choices=TingkatIndikator.choices, default=TingkatIndikator.SEMUA
    )
    satuan = models.CharField(max_length=30, blank=True)
    jenis_nilai = models.CharField(max_length=10, choices=JenisNilai.choices)
    arah = models.CharField(max_length=6, choices=Arah.choices, default=Arah.NAIK)
    agregasi = models.CharField(max_length=10, choices=Agregasi.choices, default=Agregasi.TERAKHIR)
    rumus_turun = models.CharField(
        max_length=8,
        choices=RumusTurun.choices,
        blank=True,
        help_text="Kosong: mengikuti kebijakan capaian tahun berjalan.",
    )
    definisi_operasional = teks_maks(5000, blank=True)
    formula = teks_maks(1000, blank=True, help_text="Cara menghitung realisasi.")
    sumber_data = models.CharField(max_length=200, blank=True)
    data_pemilu = models.CharField(
        "realisasi dihitung dari",
        max_length=12,
        choices=DataPemilu.choices,
        blank=True,
        help_text="Realisasi baris PK dengan indikator ini dihitung dari data sistem (data "
        "pemilihan satker pada tahun itu, atau predikat LKE final yang diumumkan tahun itu), "
        "bukan diketik.",
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = ["sasaran", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["sasaran", "kode"], name="indikator_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def clean(self):
        """A code names one indicator of a Renstra (it may recur in the next Renstra)."""
        if not self.sasaran_id:
            return
        sama = IndikatorKinerja.objects.filter(
            sasaran__renstra_id=self.sasaran.renstra_id, kode=self.kode
        ).exclude(pk=self.pk)
        if sama.exists():
            raise ValidationError({"kode": f"Kode {self.kode} sudah dipakai di Renstra ini."})

    def berlaku_untuk(self, tingkat_satker: str) -> bool:
        """Whether the indicator is offered to an office of this level (Satker.Tingkat)."""
        if self.tingkat == TingkatIndikator.SEMUA:
            return True
        tingkat = TingkatIndikator.PROVINSI if tingkat_satker == "PROVINSI" else "KABKOTA"
        return self.tingkat == tingkat


class TargetRenstra(models.Model):
    """The Renstra target of an indicator for one year of the period."""

    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    target = models.CharField(max_length=100)
    target_angka = _angka_field()
    target_kode = _kode_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "target Renstra"
        verbose_name_plural = "target Renstra"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_renstra_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.nama} {self.tahun}: {self.target}"

    def save(self, *args, **kwargs):
        isi_nilai(self, "target", self.indikator.jenis_nilai)
        super().save(*args, **kwargs)

    def clean(self):
        try:
            jenis = self.indikator.jenis_nilai
        except IndikatorKinerja.DoesNotExist:
            return
        baca_isian(self, "target", jenis)

    @property
    def nilai(self) -> Nilai | None:
        return baca_nilai(self, "target", self.indikator.jenis_nilai)


# ---------------------------------------------------------------- capaian policy per year


class SkalaKategori(models.Model):
    """A category scale as data: each level is a lower bound, so levels cannot gap or overlap."""

    nama = models.CharField(max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "skala kategori"
        verbose_name_plural = "skala kategori"

    def __str__(self) -> str:
        return self.nama

    def as_skala(self) -> list[tuple[Decimal, str]]:
        return [(t.batas_bawah, t.nama) for t in self.tingkat.all()]


class TingkatKategori(models.Model):
    skala = models.ForeignKey(SkalaKategori, on_delete=models.CASCADE, related_name="tingkat")
    batas_bawah = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text="Capaian mulai nilai ini (inklusif) sampai batas bawah tingkat di atasnya.",
    )
    nama = models.CharField(max_length=50)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tingkat kategori"
        verbose_name_plural = "tingkat kategori"
        ordering = ["skala", "-batas_bawah"]
        constraints = [
            models.UniqueConstraint(fields=["skala", "batas_bawah"], name="tingkat_batas_unik"),
            models.UniqueConstraint(fields=["skala", "nama"], name="tingkat_nama_unik"),
            models.CheckConstraint(
                condition=Q(batas_bawah__gte=0), name="tingkat_batas_non_negatif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} (≥ {self.batas_bawah})"


def _rencana_serapan(tw: str, bawaan: int) -> models.DecimalField:
    return models.DecimalField(
        f"rencana serapan akhir triwulan {tw} (%)",
        max_digits=5,
        decimal_places=2,
        default=bawaan,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Serapan anggaran kumulatif yang direncanakan pada akhir triwulan; rekap "
        "provinsi menandai satker yang jauh di bawahnya.",
    )


class KebijakanCapaian(models.Model):
    """How capaian is computed and categorised in a year: nationally, or for one satker."""

    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    satker = models.ForeignKey(
        Satker,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Kosong: berlaku nasional.",
    )
    skala = models.ForeignKey(SkalaKategori, on_delete=models.PROTECT)
    rumus_turun = models.CharField(
        max_length=8, choices=RumusTurun.choices, default=RumusTurun.SELISIH
    )
    batas_atas = models.DecimalField(
        "batas atas capaian (%)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(100)],
        help_text="Kosong: capaian tidak dibatasi. Umumnya 100 atau 120.",
    )
    wajib_reviu_apip = models.BooleanField(
        "LKjIP wajib direviu APIP sebelum difinalkan",
        default=False,
        help_text="Bila dicentang, LKjIP tahun ini baru dapat difinalkan setelah reviu APIP "
        "dicatat.",
    )
    rencana_serapan_tw1 = _rencana_serapan("I", 20)
    rencana_serapan_tw2 = _rencana_serapan("II", 50)
    rencana_serapan_tw3 = _rencana_serapan("III", 75)
    rencana_serapan_tw4 = _rencana_serapan("IV", 95)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kebijakan capaian"
        verbose_name_plural = "kebijakan capaian"
        constraints = [
            models.UniqueConstraint(fields=["tahun", "satker"], name="kebijakan_unik_satker"),
            models.UniqueConstraint(
                fields=["tahun"], condition=Q(satker__isnull=True), name="kebijakan_unik_nasional"
            ),
        ]

    def __str__(self) -> str:
        return f"Kebijakan capaian {self.tahun} ({self.satker or 'nasional'})"


# ---------------------------------------------------------------- Perjanjian Kinerja


class PerjanjianKinerja(TerkunciMixin, models.Model):
    """A Perjanjian Kinerja (PK) of a satker and year; signed, it is locked (kinerja/kunci.py)."""

    KUNCI = ("status", "DITANDATANGANI")
    PESAN_KUNCI = PESAN_PK

    Jenis = JenisPK

    class Status(models.TextChoices):
        DRAFT = "DRAFT", "Draf"
        DIAJUKAN = "DIAJUKAN", "Diajukan"
        DITANDATANGANI = "DITANDATANGANI", "Ditandatangani"

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="perjanjian")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    versi = models.PositiveSmallIntegerField(default=1)
    alasan_revisi = teks_maks(2000, blank=True)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.DRAFT)
    pihak_pertama_nama = models.CharField(max_length=200, blank=True)
    pihak_pertama_nip = KodeField("NIP pihak pertama", max_length=30, pola=validasi_nip)
    pihak_pertama_jabatan = models.CharField(max_length=200, blank=True)
    pihak_kedua_nama = models.CharField(max_length=200, blank=True)
    pihak_kedua_nip = KodeField("NIP pihak kedua", max_length=30, pola=validasi_nip)
    pihak_kedua_jabatan = models.CharField(max_length=200, blank=True)
    tempat = models.CharField(max_length=100, blank=True)
    tanggal = models.DateField(null=True, blank=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True, editable=False)
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        editable=False,
        related_name="+",
    )
    ditandatangani_pada = models.DateTimeField(null=True, blank=True, editable=False)
    diperbarui = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = KunciQuerySet.as_manager()

    class Meta:
        verbose_name = "perjanjian kinerja"
        verbose_name_plural = "perjanjian kinerja"
        ordering = ["satker__kode", "-tahun", "jenis", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "jenis", "versi"], name="pk_unik_per_versi"
            ),
            models.CheckConstraint(condition=Q(versi__gte=1), name="pk_versi_positif"),
            models.CheckConstraint(
                condition=Q(versi=1) | ~Q(alasan_revisi=""), name="pk_revisi_beralasan"
            ),
            models.CheckConstraint(
                condition=~Q(status="DITANDATANGANI") | Q(ditandatangani_pada__isnull=False),
                name="pk_tanda_tangan_bertanggal",
            ),
            kode_constraint("pihak_pertama_nip", NIP_REGEX, "pk_nip_pertama_18_angka"),
            kode_constraint("pihak_kedua_nip", NIP_REGEX, "pk_nip_kedua_18_angka"),
        ]

    def __str__(self) -> str:
        versi = f" (revisi {self.versi - 1})" if self.versi > 1 else ""
        return f"{self.get_jenis_display()} {self.satker} {self.tahun}{versi}"

    def clean(self):
        if self.tanggal and self.tahun and not (self.tahun - 1 <= self.tanggal.year <= self.tahun):
            raise ValidationError(
                {
                    "tanggal": f"Tanggal PK {self.tahun} harus pada tahun "
                    f"{self.tahun - 1}–{self.tahun}."
                }
            )

    @property
    def terkunci(self) -> bool:
        return self.status == self.Status.DITANDATANGANI


class BarisPK(TerkunciMixin, models.Model):
    """One row of a PK: sasaran, indikator and the year target (quarterly targets apart)."""

    KUNCI = ("perjanjian__status", "DITANDATANGANI")
    PESAN_KUNCI = PESAN_PK
    # Linking a row to the catalogue classifies it; it changes nothing that was signed.
    KOLOM_BEBAS = ("indikator_kinerja", "lokal")

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="baris"
    )
    no = models.CharField(max_length=10, help_text="Nomor baris seperti tercetak: 1, 2.1, 5.")
    urutan = models.PositiveSmallIntegerField(default=0)
    sasaran = teks_maks(1000)
    indikator = teks_maks(1000)
    indikator_kinerja = models.ForeignKey(
        IndikatorKinerja,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="baris_pk",
        help_text="Indikator katalog nasional, untuk perbandingan antarsatker dan antartahun.",
    )
    lokal = models.BooleanField(
        default=False, help_text="Indikator satker sendiri, tidak ada di katalog nasional."
    )
    satuan = models.CharField(max_length=30, blank=True)
    jenis_nilai = models.CharField(
        max_length=10,
        choices=JenisNilai.choices,
        blank=True,
        help_text="Kosong: dari target (angka dengan satuan % adalah persentase).",
    )
    arah = models.CharField(max_length=6, choices=Arah.choices, default=Arah.NAIK)
    agregasi = models.CharField(max_length=10, choices=Agregasi.choices, default=Agregasi.TERAKHIR)
    rumus_turun = models.CharField(max_length=8, choices=RumusTurun.choices, blank=True)
    target = models.CharField(max_length=100)
    target_angka = _angka_field()
    target_kode = _kode_field()
    diperbarui = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = KunciQuerySet.as_manager()

    class Meta:
        verbose_name = "baris PK"
        verbose_name_plural = "baris PK"
        ordering = ["perjanjian", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "no"], name="baris_pk_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.no}. {self.indikator}"

    def save(self, *args, **kwargs):
        if not self.jenis_nilai:
            self.jenis_nilai = jenis_target(self.target, satuan=self.satuan)[0]
        isi_nilai(self, "target", self.jenis_nilai)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._jenis_tersimpan = obj.__dict__.get("jenis_nilai")
        return obj

    def clean(self):
        lama = getattr(self, "_jenis_tersimpan", None)
        try:
            jenis, nilai = self._jenis_target()
        except NilaiError as exc:
            if not lama or self.jenis_nilai != lama:
                raise ValidationError({"target": str(exc)}) from exc
            # The stored kind gives way to a target of another kind while nothing is measured in
            # it yet (checked below).
            try:
                jenis, nilai = jenis_target(self.target, satuan=self.satuan)
            except NilaiError as exc_teks:
                raise ValidationError({"target": str(exc_teks)}) from exc_teks
        if lama and jenis != lama and self._punya_nilai():
            raise ValidationError(
                {
                    "target": f"Target ini berjenis {JenisNilai(jenis).label.lower()}, sedangkan "
                    "baris ini sudah punya realisasi atau target triwulan berjenis "
                    f"{JenisNilai(lama).label.lower()}."
                }
            )
        self.jenis_nilai = jenis
        isi_nilai(self, "target", jenis, nilai)
        if self.perjanjian_id:
            self.clean_katalog()
        if self.pk is None and not self.satuan:
            self.satuan = nilai.satuan

    def clean_katalog(self) -> None:
        """A row is linked to an indicator of the national Renstra of its year, or local."""
        ik = self.indikator_kinerja
        if ik is None:
            return
        if self.lokal:
            raise ValidationError(
                {"lokal": "Baris yang terhubung ke katalog bukan indikator lokal."}
            )
        renstra = ik.sasaran.renstra
        tahun = self.perjanjian.tahun
        milik = renstra.satker_id in (None, self.perjanjian.satker_id)
        if not (milik and renstra.tahun_awal <= tahun <= renstra.tahun_akhir):
            raise ValidationError(
                {
                    "indikator_kinerja": f"Indikator {ik.kode} bukan bagian dari Renstra yang "
                    f"berlaku untuk tahun {tahun}."
                }
            )

    def _jenis_target(self) -> tuple[str, Nilai]:
        """The kind and value of the target, read once per write (a form's clean and the
        service's full_clean of the same row share the reading)."""
        terbaca = getattr(self, "_nilai_terbaca", {}).get("target")
        if self.jenis_nilai and terbaca and terbaca[0] == (self.target, self.jenis_nilai):
            return self.jenis_nilai, terbaca[1]
        return jenis_target(self.target, satuan=self.satuan, jenis=self.jenis_nilai)

    def _punya_nilai(self) -> bool:
        return self.realisasi.exists() or self.target_triwulan.exists()

    @property
    def nilai_target(self) -> Nilai | None:
        return baca_nilai(self, "target", self.jenis_nilai)


class TargetTriwulan(TerkunciMixin, NilaiMixin):
    """The Rencana Aksi: the target of a PK row for one quarter."""

    KUNCI = ("baris__perjanjian__status", "DITANDATANGANI")
    PESAN_KUNCI = PESAN_PK

    baris = models.ForeignKey(BarisPK, on_delete=models.CASCADE, related_name="target_triwulan")
    periode = models.CharField(
        max_length=7, choices=[(p.value, p.label) for p in Periode if p != Periode.TAHUNAN]
    )
    history = HistoricalRecords()

    objects = KunciQuerySet.as_manager()

    class Meta:
        verbose_name = "target triwulan"
        verbose_name_plural = "target triwulan"
        ordering = ["baris", "periode"]
        constraints = [
            models.UniqueConstraint(fields=["baris", "periode"], name="target_triwulan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.baris} {self.periode}: {self.teks}"

    @property
    def jenis_nilai(self) -> str:
        return self.baris.jenis_nilai

    @property
    def field_isian(self) -> str:
        return self.periode.lower()


class PengembalianPK(models.Model):
    """The ketua returned a submitted PK to the sekretaris: why, who and when."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="pengembalian"
    )
    alasan = teks_maks(2000)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pengembalian PK"
        verbose_name_plural = "pengembalian PK"
        ordering = ["perjanjian", "-pada", "-id"]

    def __str__(self) -> str:
        return f"{self.perjanjian} dikembalikan: {self.alasan[:60]}"

    def clean(self):
        if not self.alasan.strip():
            raise ValidationError({"alasan": "Tulis alasan pengembalian untuk sekretaris."})


class RencanaAksi(models.Model):
    """An activity planned for a PK row (the Rencana Aksi Kinerja): what is done, by whom, and
    in which quarters. A plan for carrying out the agreement, not part of the signed document,
    so it may change after signing (its history is kept)."""

    baris = models.ForeignKey(BarisPK, on_delete=models.CASCADE, related_name="rencana_aksi")
    kegiatan = teks_maks(1000)
    pelaksana = models.CharField(
        max_length=200, blank=True, help_text="Orang atau unit penanggung jawab."
    )
    tw1 = models.BooleanField("TW I", default=False)
    tw2 = models.BooleanField("TW II", default=False)
    tw3 = models.BooleanField("TW III", default=False)
    tw4 = models.BooleanField("TW IV", default=False)
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["baris", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["baris", "kegiatan"], name="rencana_aksi_unik"),
            models.CheckConstraint(
                condition=Q(tw1=True) | Q(tw2=True) | Q(tw3=True) | Q(tw4=True),
                name="rencana_aksi_ada_triwulan",
                violation_error_message="Pilih sedikitnya satu triwulan pelaksanaan.",
            ),
        ]

    def __str__(self) -> str:
        return self.kegiatan

    @property
    def triwulan(self) -> list[bool]:
        return [self.tw1, self.tw2, self.tw3, self.tw4]


class AnggaranPK(TerkunciMixin, models.Model):
    """The budget per program stated in a PK."""

    KUNCI = ("perjanjian__status", "DITANDATANGANI")
    PESAN_KUNCI = PESAN_PK

    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="anggaran"
    )
    program = models.CharField(max_length=300, help_text="Nama atau kode program (076.01.WA).")
    jumlah = models.BigIntegerField(**UANG)
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = KunciQuerySet.as_manager()

    class Meta:
        verbose_name = "anggaran PK"
        verbose_name_plural = "anggaran PK"
        ordering = ["perjanjian", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "program"], name="anggaran_pk_unik"),
            *_non_negatif("jumlah", nama="anggaran_pk"),
        ]

    def __str__(self) -> str:
        return self.program


class Realisasi(NilaiMixin):
    """What a PK row achieved in a quarter, or in the year (TAHUNAN overrides the quarters)."""

    baris = models.ForeignKey(BarisPK, on_delete=models.CASCADE, related_name="realisasi")
    periode = models.CharField(max_length=7, choices=Periode.choices)
    kendala = teks_maks(5000, blank=True)
    tindak_lanjut = teks_maks(5000, blank=True)
    bukti_file = models.FileField(upload_to="bukti/%Y/", blank=True, max_length=300)
    bukti_tautan = models.URLField("tautan bukti", blank=True, max_length=500)
    bukti_catatan = teks_maks(2000, "catatan bukti", blank=True)
    diperbarui = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["baris", "periode"]
        constraints = [
            models.UniqueConstraint(fields=["baris", "periode"], name="realisasi_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.baris} {self.periode}: {self.teks}"

    @property
    def jenis_nilai(self) -> str:
        return self.baris.jenis_nilai

    def clean(self):
        super().clean()
        self.clean_pemilu()

    def clean_pemilu(self) -> None:
        """The realisasi of an indicator the system computes (a participation figure from the
        office's election data, the grade of its final AKIP evaluation): a typed value may only
        repeat it."""
        from kinerja.selectors import partisipasi_untuk

        dihitung = partisipasi_untuk([self.baris]).get(self.baris_id)
        if dihitung is None:
            return
        tahun = self.baris.perjanjian.tahun
        if isinstance(dihitung, Nilai):
            if self.teks_kode == dihitung.kode:
                return
            raise ValidationError(
                {
                    self.field_isian: "Realisasi indikator ini adalah predikat evaluasi AKIP "
                    f"(LKE final) yang diumumkan Tahun {tahun}: {dihitung.kode}. Perbaiki LKE "
                    "pada halaman Evaluasi AKIP, bukan realisasinya."
                }
            )
        if self.teks_angka == dihitung:
            return
        teks = f"{dihitung:.2f}".replace(".", ",")
        raise ValidationError(
            {
                self.field_isian: f"Realisasi indikator ini dihitung dari data pemilihan Tahun "
                f"{tahun}: {teks}%. Perbaiki data pemilih pada halaman "
                "Data Pemilihan, bukan realisasinya."
            }
        )


class PenutupanPeriode(models.Model):
    """A closed (locked) quarter of a satker; reopening deletes it, with the reason in history."""

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="penutupan")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    periode = models.CharField(max_length=7, choices=Periode.choices)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditutup_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "periode tertutup"
        verbose_name_plural = "periode tertutup"
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun", "periode"], name="penutupan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.satker} {self.tahun} {self.periode} ditutup"


# ---------------------------------------------------------------- budget


class Program(models.Model):
    kode = models.CharField(max_length=20, unique=True, help_text="076.01.WA")
    nama = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Kegiatan(models.Model):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="kegiatan")
    kode = models.CharField(max_length=10)
    nama = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["program__kode", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Output(models.Model):
    """An output of a kegiatan (KRO.RO, `QGE.001`): national codes, named in the catalogue."""

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="output")
    kode = models.CharField(max_length=20)
    nama = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "output (KRO/RO)"
        verbose_name_plural = "output (KRO/RO)"
        ordering = ["kegiatan__program__kode", "kegiatan__kode", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "kode"], name="output_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan.kode}.{self.kode} {self.nama}"


class Dipa(models.Model):
    """The budget authorisation of a satker for a year; its revisions carry the totals."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="dipa")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    nomor = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "DIPA"
        verbose_name_plural = "DIPA"
        ordering = ["satker__kode", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun"], name="dipa_unik"),
        ]

    def __str__(self) -> str:
        return f"DIPA {self.satker} {self.tahun}"


class RevisiDipa(models.Model):
    dipa = models.ForeignKey(Dipa, on_delete=models.CASCADE, related_name="revisi")
    label = models.CharField(max_length=50, help_text="DIPA Awal, Revisi 1, …")
    tanggal = models.DateField()
    pagu = models.BigIntegerField("total pagu", **UANG)
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "revisi DIPA"
        verbose_name_plural = "revisi DIPA"
        ordering = ["dipa", "urutan", "tanggal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dipa", "label"], name="revisi_dipa_unik"),
            *_non_negatif("pagu", nama="revisi_dipa"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.tanggal})"


class BarisAnggaran(models.Model):
    """A budget line: program, kegiatan, optional output (KRO.RO) and akun, and funding source."""

    class Sumber(models.TextChoices):
        APBN = "APBN", "APBN"
        HIBAH = "HIBAH", "Hibah (NPHD)"

    class SumberRealisasi(models.TextChoices):
        SAKTI = "SAKTI", "SAKTI / OM-SPAN (SP2D)"
        SIMONIKA = "SIMONIKA", "SIMONIKA (SPP)"
        LAINNYA = "LAINNYA", "Lainnya"

    dipa = models.ForeignKey(Dipa, on_delete=models.CASCADE, related_name="baris")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="+")
    output_kode = models.CharField("kode output (KRO.RO)", max_length=20, blank=True)
    output_nama = models.CharField("output", max_length=300, blank=True)
    akun_kode = KodeField("kode akun", max_length=6, pola=validasi_akun)
    sumber = models.CharField(max_length=5, choices=Sumber.choices, default=Sumber.APBN)
    pagu = models.BigIntegerField(**UANG)
    realisasi = models.BigIntegerField(**UANG)
    sumber_realisasi = models.CharField(max_length=8, choices=SumberRealisasi.choices, blank=True)
    per_tanggal = models.DateField("realisasi per tanggal", null=True, blank=True)
    urutan = models.PositiveIntegerField(default=0)
    diperbarui = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris anggaran"
        verbose_name_plural = "baris anggaran"
        ordering = ["dipa", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dipa", "program", "kegiatan", "output_kode", "akun_kode", "sumber"],
                name="baris_anggaran_unik",
            ),
            *_non_negatif("pagu", "realisasi", nama="baris_anggaran"),
            kode_constraint("akun_kode", AKUN_REGEX, "baris_anggaran_akun_6_digit"),
        ]

    def __str__(self) -> str:
        kode = ".".join(k for k in (self.kegiatan.kode, self.output_kode, self.akun_kode) if k)
        return f"{self.program.kode} {kode}"

    def clean(self):
        if self.program_id and self.kegiatan_id and self.kegiatan.program_id != self.program_id:
            raise ValidationError(
                {"kegiatan": "Kegiatan ini bukan bagian dari program yang dipilih."}
            )


# ---------------------------------------------------------------- budget tied to performance


PESAN_PORSI = "Porsi harus lebih dari 0 dan paling banyak 100%%."
PORSI = [
    MinValueValidator(Decimal("0.01"), message=PESAN_PORSI),
    MaxValueValidator(100, message=PESAN_PORSI),
]


class TautanAnggaran(models.Model):
    """A PK row served by a kegiatan of the DIPA, or by one output (RO) of it: the row's budget
    is the pagu and realisasi of the DIPA lines of that kegiatan/output times `porsi` percent
    (`kinerja.capaian.bagian`). It classifies the row, so it may change on a signed PK."""

    baris = models.ForeignKey(BarisPK, on_delete=models.CASCADE, related_name="tautan_anggaran")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="+")
    output_kode = models.CharField(
        "kode output (KRO.RO)",
        max_length=20,
        blank=True,
        help_text="Kosong: seluruh kegiatan.",
    )
    porsi = models.DecimalField(
        "porsi (%)",
        max_digits=5,
        decimal_places=2,
        default=100,
        validators=PORSI,
        help_text="Bagian anggaran kegiatan/output ini yang melayani indikator ini (1-100%).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tautan anggaran"
        verbose_name_plural = "tautan anggaran"
        ordering = ["baris", "kegiatan__kode", "output_kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["baris", "kegiatan", "output_kode"], name="tautan_anggaran_unik"
            ),
            models.CheckConstraint(
                condition=Q(porsi__gt=0, porsi__lte=100), name="tautan_anggaran_porsi"
            ),
        ]

    def __str__(self) -> str:
        kode = ".".join(k for k in (self.kegiatan.kode, self.output_kode) if k)
        return f"{self.baris} -> {kode} ({self.porsi}%)"


class OutputRO(models.Model):
    """An output (RO) of the DIPA as the satker reports it in SAKTI ("capaian RO"): its volume
    target; the months' realisasi are in `RealisasiRO`; pagu is the DIPA lines of the output."""

    dipa = models.ForeignKey(Dipa, on_delete=models.CASCADE, related_name="output_ro")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="+")
    output_kode = models.CharField("kode output (KRO.RO)", max_length=20)
    satuan = models.CharField(max_length=50, help_text="Layanan, Dokumen, Laporan, Orang, ...")
    volume = models.DecimalField(
        "target volume",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    kumulatif = models.BooleanField(
        "realisasi volume kumulatif",
        default=True,
        help_text="Dicentang: realisasi tiap bulan adalah jumlah sampai bulan itu (SAKTI: "
        "akumulatif); tidak: tambahan bulan itu saja.",
    )
    urutan = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "output (RO) DIPA"
        verbose_name_plural = "output (RO) DIPA"
        ordering = ["dipa", "kegiatan__kode", "output_kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["dipa", "kegiatan", "output_kode"], name="output_ro_unik"
            ),
            *_non_negatif("volume", nama="output_ro"),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan.kode}.{self.output_kode}"


class RealisasiRO(models.Model):
    """One month of an output: realisasi of volume, of money, and the physical progress."""

    output = models.ForeignKey(OutputRO, on_delete=models.CASCADE, related_name="bulanan")
    bulan = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    volume = models.DecimalField(
        "realisasi volume", max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    uang = models.BigIntegerField("realisasi anggaran bulan ini", **UANG)
    progres = models.DecimalField(
        "progres (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    kendala = teks_maks(2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "realisasi RO"
        verbose_name_plural = "realisasi RO"
        ordering = ["output", "bulan"]
        constraints = [
            models.UniqueConstraint(fields=["output", "bulan"], name="realisasi_ro_unik"),
            models.CheckConstraint(
                condition=Q(bulan__gte=1, bulan__lte=12), name="realisasi_ro_bulan"
            ),
            *_non_negatif("volume", "uang", nama="realisasi_ro"),
        ]

    def __str__(self) -> str:
        return f"{self.output} bulan {self.bulan}"


class RevisiBaris(models.Model):
    """The pagu of one budget line after a DIPA revision: only the lines the revision changed
    (the DIPA Awal: every line). The history of a line and the lines of a revision are read
    from these (`kinerja.capaian.perubahan_revisi`)."""

    revisi = models.ForeignKey(RevisiDipa, on_delete=models.CASCADE, related_name="baris")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="+")
    output_kode = models.CharField("kode output (KRO.RO)", max_length=20, blank=True)
    akun_kode = KodeField("kode akun", max_length=6, pola=validasi_akun)
    sumber = models.CharField(
        max_length=5, choices=BarisAnggaran.Sumber.choices, default=BarisAnggaran.Sumber.APBN
    )
    pagu = models.BigIntegerField("pagu setelah revisi", **UANG)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "baris revisi DIPA"
        verbose_name_plural = "baris revisi DIPA"
        ordering = ["revisi", "program__kode", "kegiatan__kode", "output_kode", "akun_kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["revisi", "program", "kegiatan", "output_kode", "akun_kode", "sumber"],
                name="revisi_baris_unik",
            ),
            *_non_negatif("pagu", nama="revisi_baris"),
            kode_constraint("akun_kode", AKUN_REGEX, "revisi_baris_akun_6_digit"),
        ]

    def __str__(self) -> str:
        return f"{self.revisi}: {kode_baris(self)}"

    def clean(self):
        if self.program_id and self.kegiatan_id and self.kegiatan.program_id != self.program_id:
            raise ValidationError(
                {"kegiatan": "Kegiatan ini bukan bagian dari program yang dipilih."}
            )


def kode_baris(b) -> str:
    """The code of a budget line (BarisAnggaran or RevisiBaris): `076.01.CQ.6709.QGE.001.521211`,
    `(hibah)` added for a grant line."""
    kode = ".".join(k for k in (b.kegiatan.kode, b.output_kode, b.akun_kode) if k)
    hibah = " (hibah)" if b.sumber == BarisAnggaran.Sumber.HIBAH else ""
    return f"{b.program.kode}.{kode}{hibah}"


# ---------------------------------------------------------------- elections held


class Pemilihan(models.Model):
    """An election the office held in a year; its voter figures are the realisasi of the
    participation indicators (kinerja.selectors.partisipasi_per_satker)."""

    class Jenis(models.TextChoices):
        PEMILU = "PEMILU", "Pemilu (Presiden, DPR, DPD, DPRD)"
        GUBERNUR = "GUBERNUR", "Pemilihan Gubernur dan Wakil Gubernur"
        BUPATI_WALIKOTA = "BUPATI", "Pemilihan Bupati/Wali Kota dan Wakilnya"
        LAINNYA = "LAINNYA", "Lainnya"

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="pemilihan")
    tahun = models.PositiveSmallIntegerField(validators=TAHUN)
    jenis = models.CharField(max_length=8, choices=Jenis.choices)
    nama = models.CharField(max_length=300)
    tanggal = models.DateField("hari pemungutan suara", null=True, blank=True)
    dpt_disabilitas = models.PositiveIntegerField(
        "pemilih disabilitas di DPT", null=True, blank=True
    )
    pengguna_disabilitas = models.PositiveIntegerField(
        "pemilih disabilitas yang memilih", null=True, blank=True
    )
    dpt_pemula = models.PositiveIntegerField("pemilih pemula di DPT", null=True, blank=True)
    pengguna_pemula = models.PositiveIntegerField(
        "pemilih pemula yang memilih", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pemilihan"
        verbose_name_plural = "pemilihan"
        ordering = ["satker__kode", "-tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun", "jenis"], name="pemilihan_unik"),
            models.CheckConstraint(
                condition=Q(pengguna_disabilitas__lte=F("dpt_disabilitas"))
                | Q(pengguna_disabilitas__isnull=True)
                | Q(dpt_disabilitas__isnull=True),
                name="pemilihan_disabilitas_maks_dpt",
            ),
            models.CheckConstraint(
                condition=Q(pengguna_pemula__lte=F("dpt_pemula"))
                | Q(pengguna_pemula__isnull=True)
                | Q(dpt_pemula__isnull=True),
                name="pemilihan_pemula_maks_dpt",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self):
        if self.tanggal and self.tahun and self.tanggal.year != self.tahun:
            raise ValidationError(
                {"tanggal": f"Hari pemungutan suara harus pada tahun {self.tahun}."}
            )
        for jenis in ("disabilitas", "pemula"):
            dpt, pengguna = getattr(self, f"dpt_{jenis}"), getattr(self, f"pengguna_{jenis}")
            if dpt is not None and pengguna is not None and pengguna > dpt:
                raise ValidationError(
                    {
                        f"pengguna_{jenis}": f"Pemilih {jenis} yang memilih ({pengguna}) lebih "
                        f"banyak daripada yang terdaftar di DPT ({dpt})."
                    }
                )


class PemilihKecamatan(models.Model):
    """Voters of one kecamatan in an election: DPT by sex, TPS, and who voted."""

    pemilihan = models.ForeignKey(Pemilihan, on_delete=models.CASCADE, related_name="kecamatan")
    kecamatan = models.CharField(max_length=100)
    desa = models.PositiveIntegerField("jumlah desa/kelurahan", null=True, blank=True)
    tps = models.PositiveIntegerField("jumlah TPS")
    dpt_l = models.PositiveIntegerField("DPT laki-laki")
    dpt_p = models.PositiveIntegerField("DPT perempuan")
    pengguna_l = models.PositiveIntegerField("pengguna hak pilih laki-laki", null=True, blank=True)
    pengguna_p = models.PositiveIntegerField("pengguna hak pilih perempuan", null=True, blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "data pemilih kecamatan"
        verbose_name_plural = "data pemilih kecamatan"
        ordering = ["pemilihan", "urutan", "kecamatan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemilihan", "kecamatan"], name="pemilih_kecamatan_unik"
            ),
            models.CheckConstraint(
                condition=(Q(pengguna_l__lte=F("dpt_l")) | Q(pengguna_l__isnull=True))
                & (Q(pengguna_p__lte=F("dpt_p")) | Q(pengguna_p__isnull=True)),
                name="pemilih_kecamatan_pengguna_maks_dpt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kecamatan} ({self.pemilihan})"

    def clean(self):
        for jk, nama in (("l", "laki-laki"), ("p", "perempuan")):
            dpt, pengguna = getattr(self, f"dpt_{jk}"), getattr(self, f"pengguna_{jk}")
            if dpt is not None and pengguna is not None and pengguna > dpt:
                raise ValidationError(
                    {
                        f"pengguna_{jk}": f"Pengguna hak pilih {nama} ({pengguna}) lebih banyak "
                        f"daripada DPT {nama} ({dpt})."
                    }
                )
