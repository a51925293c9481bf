"""factory_boy factories for the domain, shared by every test."""

import datetime as dt

import factory
from django.contrib.auth.models import User

from kinerja import models as km
from satker.models import Pejabat, Peran, Satker


class SatkerRIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Satker
        django_get_or_create = ["kode"]

    kode = "RI"
    nama = "Komisi Pemilihan Umum"
    tingkat = Satker.Tingkat.RI
    kota = "Jakarta"


class ProvinsiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Satker
        django_get_or_create = ["kode"]

    kode = factory.Sequence(lambda i: str(50 + i))
    nama = factory.LazyAttribute(lambda o: f"KPU Provinsi Uji {o.kode}")
    tingkat = Satker.Tingkat.PROVINSI
    induk = factory.SubFactory(SatkerRIFactory)
    kota = "Palembang"


class SatkerFactory(factory.django.DjangoModelFactory):
    """A KPU Kabupaten/Kota."""

    class Meta:
        model = Satker
        django_get_or_create = ["kode"]

    induk = factory.SubFactory(ProvinsiFactory)
    kode = factory.Sequence(lambda i: f"9{i:03d}")
    nama = factory.LazyAttribute(lambda o: f"KPU Kota Uji {o.kode}")
    tingkat = Satker.Tingkat.KOTA
    kota = "Kota Uji"


class PejabatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pejabat

    satker = factory.SubFactory(SatkerFactory)
    nama = factory.Sequence(lambda i: f"Pejabat {i}")
    nip = factory.Sequence(lambda i: f"19800101200501{i:04d}")
    jabatan = "Ketua"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda i: f"user{i}")
    password = factory.django.Password("rahasia-uji-123")


def user_with_role(satker: Satker, jenis: str, username: str | None = None) -> User:
    user = UserFactory(username=username) if username else UserFactory()
    Peran.objects.create(user=user, satker=satker, jenis=jenis)
    return user


class PerjanjianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = km.PerjanjianKinerja

    satker = factory.SubFactory(SatkerFactory)
    tahun = 2024
    jenis = km.PerjanjianKinerja.Jenis.KPU
    pihak_pertama_nama = "Ketua Uji"
    pihak_pertama_jabatan = "Ketua"
    tempat = "Kota Uji"
    tanggal = dt.date(2024, 1, 15)


class BarisPKFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = km.BarisPK

    perjanjian = factory.SubFactory(PerjanjianFactory)
    no = factory.Sequence(lambda i: str(i + 1))
    urutan = factory.Sequence(lambda i: i)
    sasaran = "Meningkatnya partisipasi pemilih"
    indikator = factory.Sequence(lambda i: f"Indikator uji {i}")
    target = "77%"
    satuan = "%"


class RealisasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = km.Realisasi

    baris = factory.SubFactory(BarisPKFactory)
    periode = "TW4"
    teks = "80%"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = km.Program
        django_get_or_create = ["kode"]

    kode = "076.01.WA"
    nama = "Program Dukungan Manajemen"


class KegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = km.Kegiatan
        django_get_or_create = ["program", "kode"]

    program = factory.SubFactory(ProgramFactory)
    kode = "3360"
    nama = "Layanan Perkantoran"


class DipaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = km.Dipa

    satker = factory.SubFactory(SatkerFactory)
    tahun = 2024


class RevisiDipaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = km.RevisiDipa

    dipa = factory.SubFactory(DipaFactory)
    label = factory.Sequence(lambda i: "DIPA Awal" if i == 0 else f"Revisi {i}")
    tanggal = dt.date(2023, 12, 1)
    pagu = 1_000_000_000


class BarisAnggaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = km.BarisAnggaran

    dipa = factory.SubFactory(DipaFactory)
    kegiatan = factory.SubFactory(KegiatanFactory)
    program = factory.LazyAttribute(lambda o: o.kegiatan.program)
    output_kode = factory.Sequence(lambda i: f"EBA.{i:03d}")
    akun_kode = "521211"
    pagu = 100_000_000
    realisasi = 90_000_000


def tandatangani(pk: km.PerjanjianKinerja, pada: dt.datetime | None = None) -> km.PerjanjianKinerja:
    """Sign a PK once its rows are in (a signed PK takes no more rows: the lock triggers)."""
    pada = pada or dt.datetime(2024, 1, 20, tzinfo=dt.UTC)
    km.PerjanjianKinerja.objects.filter(pk=pk.pk).update(
        status=km.PerjanjianKinerja.Status.DITANDATANGANI, ditandatangani_pada=pada
    )
    pk.refresh_from_db()
    return pk
