"""REST API for indicators, PKs with their rows, realisasi, budget, and the rekap.

Computed figures (capaian, kategori, serapan, sisa) are read-only and come from the engine
through `kinerja.selectors`; nothing computed is stored or accepted. Writes call the same
services as the staff forms, so a signed PK cannot be changed here either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

import django_filters as df
from django.db.models import Prefetch, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from common.api import AturanModelSerializer, VersiField, jalankan
from kinerja import capaian as engine
from kinerja import services
from kinerja.models import (
    AnggaranPK,
    BarisAnggaran,
    BarisPK,
    Dipa,
    IndikatorKinerja,
    OutputRO,
    PerjanjianKinerja,
    Realisasi,
    RevisiBaris,
    RevisiDipa,
    TargetRenstra,
    TautanAnggaran,
)
from kinerja.nilai import NilaiError, parse_desimal, parse_rupiah
from kinerja.selectors import (
    Kebijakan,
    Pengukuran,
    baris_queryset,
    kebijakan_per_satker,
    ukur_baris,
)
from satker.api import BerbasisSatkerViewSet, SatkerField, TerlihatPKField
from satker.selectors import satker_visible

# ---------------------------------------------------------------- shared pieces


@extend_schema_field(OpenApiTypes.INT)
class RupiahField(serializers.Field):
    """Whole rupiah; also accepts text as users write it (`Rp 2.880.554.000,-`)."""

    def to_internal_value(self, data):
        try:
            nilai = parse_rupiah(data)
        except NilaiError as exc:
            raise ValidationError(str(exc)) from exc
        if nilai is None:
            raise ValidationError("Jumlah rupiah wajib diisi.")
        if nilai > 9_223_372_036_854_775_807:
            raise ValidationError("Jumlah rupiah terlalu besar.")
        return nilai

    def to_representation(self, value):
        return value


class CapaianSerializer(serializers.Serializer):
    nilai = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    keterangan = serializers.CharField()
    dibatasi = serializers.BooleanField()


class RingkasanCapaianSerializer(serializers.Serializer):
    rata_rata = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    dihitung = serializers.IntegerField()
    jumlah = serializers.IntegerField()
    di_bawah_target = serializers.IntegerField()


class TotalSerializer(serializers.Serializer):
    pagu = serializers.IntegerField()
    realisasi = serializers.IntegerField()
    sisa = serializers.IntegerField()
    serapan = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)


class PengukuranSerializer(serializers.Serializer):
    """A PK row measured by the engine."""

    realisasi_tahun = serializers.SerializerMethodField()
    capaian = CapaianSerializer()
    kategori = serializers.CharField()
    rumus = serializers.CharField()
    capaian_triwulan = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_realisasi_tahun(self, u: Pengukuran):
        n = u.realisasi_tahun
        return None if n is None else (n.kode or (str(n.angka) if n.angka is not None else None))

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_capaian_triwulan(self, u: Pengukuran):
        return {p: str(c.nilai) if c.ada else c.keterangan for p, c in u.capaian_triwulan.items()}


# Computed figures as plain dicts: one serializer instance per row costs a millisecond each,
# which a rekap of 553 satker cannot afford. The serializers above describe them in the schema.


def _teks(x) -> str | None:
    return None if x is None else str(x)


def capaian_dict(c: engine.Capaian) -> dict:
    return {"nilai": _teks(c.nilai), "keterangan": c.keterangan, "dibatasi": c.dibatasi}


def ringkasan_dict(r: engine.RingkasanCapaian) -> dict:
    return {
        "rata_rata": _teks(r.rata_rata),
        "dihitung": r.dihitung,
        "jumlah": r.jumlah,
        "di_bawah_target": r.di_bawah_target,
    }


def total_dict(t: engine.Total) -> dict:
    return {"pagu": t.pagu, "realisasi": t.realisasi, "sisa": t.sisa, "serapan": _teks(t.serapan)}


def pengukuran_dict(u: Pengukuran) -> dict:
    n = u.realisasi_tahun
    return {
        "realisasi_tahun": None if n is None else (n.kode or _teks(n.angka)),
        "capaian": capaian_dict(u.capaian),
        "kategori": u.kategori,
        "rumus": u.rumus,
        "capaian_triwulan": {
            p: str(c.nilai) if c.ada else c.keterangan for p, c in u.capaian_triwulan.items()
        },
    }


def kebijakan_per_pasangan(pasangan: Iterable[tuple[int, int]]) -> dict[tuple[int, int], Kebijakan]:
    """The capaian policy of each (satker, year): one query set per year on the page."""
    per_tahun: dict[int, set[int]] = defaultdict(set)
    for satker_id, tahun in pasangan:
        per_tahun[tahun].add(satker_id)
    hasil = {}
    for tahun, ids in per_tahun.items():
        for sid, k in kebijakan_per_satker(ids, tahun).items():
            hasil[sid, tahun] = k
    return hasil


class DiukurMixin:
    """List and detail with the capaian policy of the objects on the page, fetched once."""

    def pasangan(self, obj) -> tuple[int, int]:
        raise NotImplementedError

    def _serialisasi(self, objek, many: bool):
        daftar = objek if many else [objek]
        konteks = self.get_serializer_context()
        konteks["kebijakan"] = kebijakan_per_pasangan(self.pasangan(o) for o in daftar)
        return self.get_serializer_class()(objek, many=many, context=konteks).data

    def list(self, request, *args, **kwargs):
        qs = self.filter_queryset(self.get_queryset())
        halaman = self.paginate_queryset(qs)
        if halaman is not None:
            return self.get_paginated_response(self._serialisasi(halaman, many=True))
        return Response(self._serialisasi(list(qs), many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._serialisasi(self.get_object(), many=False))


def _ukur(serializer: serializers.Serializer, baris: BarisPK, pk: PerjanjianKinerja) -> Pengukuran:
    kebijakan = serializer.context.get("kebijakan", {}).get((pk.satker_id, pk.tahun), Kebijakan())
    return ukur_baris(baris, kebijakan)


# Bounds on numeric filters: an out-of-range number is a 400, not an overflow in the database.
TAHUN_FILTER = {"min_value": 2000, "max_value": 2100, "decimal_places": 0}
ID_MAKS = 2**63 - 1


def _tahun_filter(field: str):
    return df.NumberFilter(field_name=field, help_text="Tahun.", **TAHUN_FILTER)


def _satker_filter(field: str):
    return df.CharFilter(field_name=field, help_text="Kode satker (1672, 16, RI).")


# ---------------------------------------------------------------- Renstra indicators


class TargetRenstraSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetRenstra
        fields = ["tahun", "target"]


class IndikatorSerializer(serializers.ModelSerializer):
    sasaran_kode = serializers.CharField(source="sasaran.kode", read_only=True)
    sasaran = serializers.CharField(source="sasaran.nama", read_only=True)
    renstra_tahun_awal = serializers.IntegerField(source="sasaran.renstra.tahun_awal")
    renstra_tahun_akhir = serializers.IntegerField(source="sasaran.renstra.tahun_akhir")
    renstra_satker = serializers.SerializerMethodField()
    target = TargetRenstraSerializer(many=True, read_only=True)

    class Meta:
        model = IndikatorKinerja
        fields = [
            "id", "kode", "nama", "satuan", "jenis_nilai", "arah", "agregasi", "rumus_turun",
            "definisi_operasional", "sumber_data", "sasaran_kode", "sasaran",
            "renstra_tahun_awal", "renstra_tahun_akhir", "renstra_satker", "target",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.STR)
    def get_renstra_satker(self, obj) -> str | None:
        satker = obj.sasaran.renstra.satker
        return satker.kode if satker else None


class IndikatorFilter(df.FilterSet):
    tahun = df.NumberFilter(
        method="_tahun", help_text="Tahun yang dicakup Renstra.", **TAHUN_FILTER
    )
    satker = df.CharFilter(
        field_name="sasaran__renstra__satker__kode", help_text="Kode satker pemilik Renstra."
    )

    class Meta:
        model = IndikatorKinerja
        fields = ["tahun", "satker", "jenis_nilai", "arah"]

    def _tahun(self, qs, name, value):
        return qs.filter(
            sasaran__renstra__tahun_awal__lte=value, sasaran__renstra__tahun_akhir__gte=value
        )


class IndikatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Renstra indicators: the national Renstra's and those of satker the user may read."""

    serializer_class = IndikatorSerializer
    filterset_class = IndikatorFilter

    def get_queryset(self):
        terlihat = satker_visible(self.request.user)
        return (
            IndikatorKinerja.objects.filter(
                Q(sasaran__renstra__satker__isnull=True) | Q(sasaran__renstra__satker__in=terlihat)
            )
            .select_related("sasaran__renstra__satker")
            .prefetch_related("target")
            .order_by("sasaran__renstra__tahun_awal", "sasaran__urutan", "urutan", "kode", "id")
        )


# ---------------------------------------------------------------- PK rows


class TargetTriwulanField(serializers.DictField):
    def to_representation(self, value):
        return {t.periode: t.teks for t in value.all()}


class BarisPKSerializer(AturanModelSerializer):
    diperbarui = VersiField()
    perjanjian = TerlihatPKField(queryset=PerjanjianKinerja.objects.all(), jalur="satker")
    indikator_kinerja = serializers.PrimaryKeyRelatedField(
        queryset=IndikatorKinerja.objects.all(), allow_null=True, required=False
    )
    target_triwulan = TargetTriwulanField(
        child=serializers.CharField(max_length=100, allow_blank=True),
        required=False,
        help_text='Target triwulan (Rencana Aksi): {"TW1": "20%"}; teks kosong menghapus.',
    )
    pengukuran = serializers.SerializerMethodField()

    class Meta:
        model = BarisPK
        fields = [
            "id", "perjanjian", "no", "urutan", "sasaran", "indikator", "indikator_kinerja",
            "satuan", "jenis_nilai", "arah", "agregasi", "rumus_turun", "target",
            "target_triwulan", "diperbarui", "pengukuran",
        ]  # fmt: skip
        extra_kwargs = {"jenis_nilai": {"required": False}, "urutan": {"required": False}}
        validators: list = []  # the service checks the row number, with its own message

    def validate_target_triwulan(self, value):
        salah = set(value) - set(engine.TRIWULAN)
        if salah:
            raise ValidationError(f"Periode tidak dikenal: {', '.join(sorted(salah))}.")
        return value

    @extend_schema_field(PengukuranSerializer)
    def get_pengukuran(self, obj: BarisPK):
        return pengukuran_dict(_ukur(self, obj, obj.perjanjian))


class BarisPKFilter(df.FilterSet):
    tahun = _tahun_filter("perjanjian__tahun")
    satker = _satker_filter("perjanjian__satker__kode")
    jenis = df.ChoiceFilter(field_name="perjanjian__jenis", choices=PerjanjianKinerja.Jenis.choices)

    class Meta:
        model = BarisPK
        fields = ["perjanjian", "tahun", "satker", "jenis", "indikator_kinerja"]


class BarisPKViewSet(
    DiukurMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    BerbasisSatkerViewSet,
):
    """PK rows with their measurement; changes only while the PK is not signed."""

    queryset = (
        baris_queryset().select_related("perjanjian").order_by("perjanjian_id", "urutan", "id")
    )
    serializer_class = BarisPKSerializer
    filterset_class = BarisPKFilter
    jalur_satker = "perjanjian__satker"

    def pasangan(self, obj):
        return obj.perjanjian.satker_id, obj.perjanjian.tahun

    def _simpan(self, serializer, perjanjian, baris=None):
        data = dict(serializer.validated_data)
        data.pop("perjanjian", None)
        tw = data.pop("target_triwulan", None)
        self.pastikan_penulis(perjanjian.satker)
        baris = jalankan(
            services.baris_save,
            perjanjian=perjanjian,
            baris=baris,
            data=data,
            target_triwulan=tw,
            diperbarui=data.pop("diperbarui", None),
            by=self.request.user,
        )
        serializer.instance = self.get_queryset().get(pk=baris.pk)

    def perform_create(self, serializer):
        self._simpan(serializer, serializer.validated_data["perjanjian"])

    def perform_update(self, serializer):
        pk = serializer.validated_data.get("perjanjian", serializer.instance.perjanjian)
        if pk != serializer.instance.perjanjian:
            raise ValidationError({"perjanjian": "Baris tidak dapat dipindah ke PK lain."})
        self._simpan(serializer, pk, serializer.instance)

    def create(self, request, *args, **kwargs):
        resp = super().create(request, *args, **kwargs)
        resp.data = self._serialisasi(self.get_queryset().get(pk=resp.data["id"]), many=False)
        return resp

    def update(self, request, *args, **kwargs):
        super().update(request, *args, **kwargs)
        return self.retrieve(request, *args, **kwargs)

    def perform_destroy(self, instance):
        jalankan(services.baris_delete, baris=instance, by=self.request.user)


# ---------------------------------------------------------------- PK


class AnggaranPKSerializer(AturanModelSerializer):
    class Meta:
        model = AnggaranPK
        fields = ["id", "program", "jumlah", "urutan"]


class PerjanjianSerializer(AturanModelSerializer):
    diperbarui = VersiField()
    satker = SatkerField()
    isi_awal = serializers.ChoiceField(
        choices=[services.SUMBER_KOSONG, services.SUMBER_TAHUN_LALU, services.SUMBER_RENSTRA],
        default=services.SUMBER_KOSONG,
        write_only=True,
        help_text="Isi awal PK baru: kosong, salinan PK tahun lalu, atau target Renstra.",
    )
    baris = serializers.SerializerMethodField()
    anggaran = AnggaranPKSerializer(many=True, read_only=True)
    ringkasan = serializers.SerializerMethodField()
    kategori = serializers.SerializerMethodField()

    class Meta:
        model = PerjanjianKinerja
        fields = [
            "id", "satker", "tahun", "jenis", "versi", "alasan_revisi", "status",
            "pihak_pertama_nama", "pihak_pertama_nip", "pihak_pertama_jabatan",
            "pihak_kedua_nama", "pihak_kedua_nip", "pihak_kedua_jabatan", "tempat", "tanggal",
            "diajukan_pada", "ditandatangani_pada", "diperbarui", "isi_awal", "baris", "anggaran",
            "ringkasan", "kategori",
        ]  # fmt: skip
        read_only_fields = ["versi", "alasan_revisi", "status"]
        validators: list = []  # perjanjian_create refuses a duplicate with its own message

    def _ukuran(self, obj) -> list[tuple[BarisPK, Pengukuran]]:
        cache = self.context.setdefault("_ukuran", {})
        if obj.pk not in cache:
            cache[obj.pk] = [(b, _ukur(self, b, obj)) for b in obj.baris.all()]
        return cache[obj.pk]

    @extend_schema_field(BarisPKSerializer(many=True))
    def get_baris(self, obj):
        hasil = []
        for b, u in self._ukuran(obj):
            hasil.append(
                {
                    "id": b.pk,
                    "no": b.no,
                    "sasaran": b.sasaran,
                    "indikator": b.indikator,
                    "indikator_kinerja": b.indikator_kinerja_id,
                    "satuan": b.satuan,
                    "jenis_nilai": b.jenis_nilai,
                    "arah": b.arah,
                    "agregasi": b.agregasi,
                    "target": b.target,
                    "target_triwulan": {t.periode: t.teks for t in b.target_triwulan.all()},
                    "pengukuran": pengukuran_dict(u),
                }  # fmt: skip
            )
        return hasil

    @extend_schema_field(RingkasanCapaianSerializer)
    def get_ringkasan(self, obj):
        r = engine.ringkas_capaian(u.capaian for _, u in self._ukuran(obj))
        return ringkasan_dict(r)

    @extend_schema_field(OpenApiTypes.STR)
    def get_kategori(self, obj) -> str:
        r = engine.ringkas_capaian(u.capaian for _, u in self._ukuran(obj))
        kebijakan = self.context.get("kebijakan", {}).get((obj.satker_id, obj.tahun), Kebijakan())
        return engine.kategori(r.rata_rata, kebijakan.skala)


class PerjanjianUpdateSerializer(PerjanjianSerializer):
    class Meta(PerjanjianSerializer.Meta):
        read_only_fields = [*PerjanjianSerializer.Meta.read_only_fields, "satker", "tahun", "jenis"]


class AlasanSerializer(serializers.Serializer):
    alasan = serializers.CharField(help_text="Alasan revisi PK.")


class PerjanjianFilter(df.FilterSet):
    tahun = _tahun_filter("tahun")
    satker = _satker_filter("satker__kode")

    class Meta:
        model = PerjanjianKinerja
        fields = ["tahun", "satker", "jenis", "status", "versi"]


class PerjanjianViewSet(
    DiukurMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    BerbasisSatkerViewSet,
):
    """Perjanjian Kinerja with measured rows and budget; submit, sign and revise as actions."""

    queryset = (
        PerjanjianKinerja.objects.select_related("satker")
        .prefetch_related(
            Prefetch("baris", queryset=baris_queryset().order_by("urutan", "id")), "anggaran"
        )
        .order_by("satker__kode", "-tahun", "jenis", "-versi")
    )
    serializer_class = PerjanjianSerializer
    filterset_class = PerjanjianFilter

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return PerjanjianUpdateSerializer
        return super().get_serializer_class()

    def pasangan(self, obj):
        return obj.satker_id, obj.tahun

    def _detail(self, pk: PerjanjianKinerja) -> Response:
        return Response(self._serialisasi(self.get_queryset().get(pk=pk.pk), many=False))

    def create(self, request, *args, **kwargs):
        s = self.get_serializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        self.pastikan_penulis(d["satker"])
        pk = jalankan(
            services.perjanjian_create,
            satker=d["satker"],
            tahun=d["tahun"],
            jenis=d["jenis"],
            sumber=d["isi_awal"],
            by=request.user,
        )
        resp = self._detail(pk)
        resp.status_code = 201
        return resp

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        s = self.get_serializer(obj, data=request.data, partial=kwargs.get("partial", False))
        s.is_valid(raise_exception=True)
        data = {k: v for k, v in s.validated_data.items() if k != "isi_awal"}
        versi = data.pop("diperbarui", None)
        jalankan(
            services.perjanjian_update,
            perjanjian=obj,
            data=data,
            diperbarui=versi,
            by=request.user,
        )
        return self._detail(obj)

    def _aksi(self, layanan, **kwargs) -> Response:
        obj = self.get_object()
        hasil = jalankan(layanan, perjanjian=obj, by=self.request.user, **kwargs)
        return self._detail(hasil)

    @extend_schema(request=None, responses=PerjanjianSerializer)
    @action(detail=True, methods=["post"])
    def ajukan(self, request, pk=None):
        """Submit the PK for signing (sekretaris or ketua)."""
        return self._aksi(services.perjanjian_submit)

    @extend_schema(request=None, responses=PerjanjianSerializer)
    @action(detail=True, methods=["post"])
    def tandatangani(self, request, pk=None):
        """Sign a submitted PK (ketua); a signed PK is locked."""
        return self._aksi(services.perjanjian_sign)

    @extend_schema(request=AlasanSerializer, responses={201: PerjanjianSerializer})
    @action(detail=True, methods=["post"])
    def revisi(self, request, pk=None):
        """A new draft version of a signed PK, with the reason."""
        self.get_object()  # 404 for a stranger, 403 for a reader, before the body is read
        s = AlasanSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        resp = self._aksi(services.perjanjian_revise, alasan=s.validated_data["alasan"])
        resp.status_code = 201
        return resp


# ---------------------------------------------------------------- realisasi


class RealisasiSerializer(AturanModelSerializer):
    diperbarui = VersiField()
    baris = TerlihatPKField(queryset=BarisPK.objects.all(), jalur="perjanjian__satker")
    capaian = serializers.SerializerMethodField()

    class Meta:
        model = Realisasi
        fields = [
            "id", "baris", "periode", "teks", "kendala", "tindak_lanjut", "bukti_tautan",
            "bukti_catatan", "bukti_file", "diperbarui", "capaian",
        ]  # fmt: skip
        read_only_fields = ["bukti_file"]
        validators: list = []  # create is an upsert on (baris, periode)

    @extend_schema_field(CapaianSerializer)
    def get_capaian(self, obj: Realisasi):
        u = _ukur(self, obj.baris, obj.baris.perjanjian)
        c = (
            u.capaian
            if obj.periode == engine.Periode.TAHUNAN
            else u.capaian_triwulan.get(
                obj.periode, engine.Capaian(None, engine.BELUM_ADA_REALISASI)
            )
        )
        return capaian_dict(c)


class RealisasiFilter(df.FilterSet):
    tahun = _tahun_filter("baris__perjanjian__tahun")
    satker = _satker_filter("baris__perjanjian__satker__kode")
    perjanjian = df.NumberFilter(
        field_name="baris__perjanjian_id", min_value=1, max_value=ID_MAKS, decimal_places=0
    )

    class Meta:
        model = Realisasi
        fields = ["baris", "perjanjian", "tahun", "satker", "periode"]


class RealisasiViewSet(
    DiukurMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    BerbasisSatkerViewSet,
):
    """Realisasi per quarter. POST records (or replaces) the value of a row and period."""

    queryset = (
        Realisasi.objects.select_related("baris__perjanjian")
        .prefetch_related("baris__realisasi", "baris__target_triwulan")
        .order_by("baris__perjanjian_id", "baris__urutan", "baris_id", "periode")
    )
    serializer_class = RealisasiSerializer
    filterset_class = RealisasiFilter
    jalur_satker = "baris__perjanjian__satker"

    def pasangan(self, obj):
        return obj.baris.perjanjian.satker_id, obj.baris.perjanjian.tahun

    def _simpan(self, serializer, baris, periode):
        self.pastikan_penulis(baris.perjanjian.satker)
        data = {k: v for k, v in serializer.validated_data.items() if k not in ("baris", "periode")}
        obj = jalankan(
            services.realisasi_save,
            baris=baris,
            periode=periode,
            data=data,
            diperbarui=data.pop("diperbarui", None),
            by=self.request.user,
        )
        return self._serialisasi(self.get_queryset().get(pk=obj.pk), many=False)

    def create(self, request, *args, **kwargs):
        s = self.get_serializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        return Response(self._simpan(s, d["baris"], d["periode"]), status=201)

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        s = self.get_serializer(obj, data=request.data, partial=kwargs.get("partial", False))
        s.is_valid(raise_exception=True)
        if s.validated_data.get("baris", obj.baris) != obj.baris:
            raise ValidationError({"baris": "Realisasi tidak dapat dipindah ke baris lain."})
        if s.validated_data.get("periode", obj.periode) != obj.periode:
            raise ValidationError({"periode": "Periode realisasi tidak dapat diubah."})
        return Response(self._simpan(s, obj.baris, obj.periode))


# ---------------------------------------------------------------- budget


class RevisiDipaSerializer(AturanModelSerializer):
    dipa = TerlihatPKField(queryset=Dipa.objects.all(), jalur="satker")
    pagu = RupiahField(help_text="Total pagu (rupiah).")

    class Meta:
        model = RevisiDipa
        fields = ["id", "dipa", "label", "tanggal", "pagu", "urutan"]
        read_only_fields = ["urutan"]
        validators: list = []


class DipaSerializer(AturanModelSerializer):
    satker = SatkerField()
    revisi = RevisiDipaSerializer(many=True, read_only=True)
    total = serializers.SerializerMethodField()
    pagu_dipa_terakhir = serializers.SerializerMethodField()

    class Meta:
        model = Dipa
        fields = ["id", "satker", "tahun", "nomor", "revisi", "total", "pagu_dipa_terakhir"]
        validators: list = []

    @extend_schema_field(TotalSerializer)
    def get_total(self, obj):
        return total_dict(engine.total(obj.baris.all()))

    @extend_schema_field(OpenApiTypes.INT)
    def get_pagu_dipa_terakhir(self, obj) -> int | None:
        revisi = list(obj.revisi.all())
        return revisi[-1].pagu if revisi else None


class BarisAnggaranSerializer(AturanModelSerializer):
    diperbarui = VersiField()
    dipa = TerlihatPKField(queryset=Dipa.objects.all(), jalur="satker")
    pagu = RupiahField()
    realisasi = RupiahField()
    sisa = serializers.SerializerMethodField()
    serapan = serializers.SerializerMethodField()

    class Meta:
        model = BarisAnggaran
        fields = [
            "id", "dipa", "program", "kegiatan", "output_kode", "output_nama", "akun_kode",
            "sumber", "pagu", "realisasi", "sumber_realisasi", "per_tanggal", "urutan",
            "diperbarui", "sisa", "serapan",
        ]  # fmt: skip
        read_only_fields = ["urutan"]
        validators: list = []  # the service refuses duplicates with its own message

    @extend_schema_field(OpenApiTypes.INT)
    def get_sisa(self, obj) -> int:
        return engine.sisa(obj.pagu, obj.realisasi)

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_serapan(self, obj):
        s = engine.serapan(obj.pagu, obj.realisasi)
        return None if s is None else str(s)


class DipaFilter(df.FilterSet):
    tahun = _tahun_filter("tahun")
    satker = _satker_filter("satker__kode")

    class Meta:
        model = Dipa
        fields = ["tahun", "satker"]


class RevisiDipaFilter(df.FilterSet):
    tahun = _tahun_filter("dipa__tahun")
    satker = _satker_filter("dipa__satker__kode")

    class Meta:
        model = RevisiDipa
        fields = ["dipa", "tahun", "satker"]


class BarisAnggaranFilter(df.FilterSet):
    tahun = _tahun_filter("dipa__tahun")
    satker = _satker_filter("dipa__satker__kode")
    program = df.CharFilter(field_name="program__kode", help_text="Kode program (076.01.WA).")

    class Meta:
        model = BarisAnggaran
        fields = ["dipa", "tahun", "satker", "program", "sumber"]


class DipaViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, BerbasisSatkerViewSet
):
    """DIPA of a satker and year with its revisions and the totals of its lines."""

    queryset = (
        Dipa.objects.select_related("satker")
        .prefetch_related(
            Prefetch("revisi", queryset=RevisiDipa.objects.order_by("urutan", "tanggal", "id")),
            Prefetch("baris", queryset=BarisAnggaran.objects.only("dipa_id", "pagu", "realisasi")),
        )
        .order_by("satker__kode", "-tahun")
    )
    serializer_class = DipaSerializer
    filterset_class = DipaFilter

    def perform_create(self, serializer):
        d = serializer.validated_data
        self.pastikan_penulis(d["satker"])
        dipa = jalankan(
            services.dipa_get_or_create, satker=d["satker"], tahun=d["tahun"], by=self.request.user
        )
        serializer.instance = self.get_queryset().get(pk=dipa.pk)


class BagianDipaViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    BerbasisSatkerViewSet,
):
    """Objects of a DIPA (revisions, budget lines): written through `simpan`, a service call."""

    jalur_satker = "dipa__satker"

    def simpan(self, *, dipa, obj, data):
        raise NotImplementedError

    def _simpan(self, serializer, dipa, obj=None):
        self.pastikan_penulis(dipa.satker)
        data = {k: v for k, v in serializer.validated_data.items() if k != "dipa"}
        serializer.instance = jalankan(self.simpan, dipa=dipa, obj=obj, data=data)

    def perform_create(self, serializer):
        self._simpan(serializer, serializer.validated_data["dipa"])

    def perform_update(self, serializer):
        if (
            serializer.validated_data.get("dipa", serializer.instance.dipa)
            != serializer.instance.dipa
        ):
            raise ValidationError({"dipa": "Data tidak dapat dipindah ke DIPA lain."})
        self._simpan(serializer, serializer.instance.dipa, serializer.instance)


class RevisiDipaViewSet(BagianDipaViewSet):
    queryset = RevisiDipa.objects.select_related("dipa").order_by(
        "dipa_id", "urutan", "tanggal", "id"
    )
    serializer_class = RevisiDipaSerializer
    filterset_class = RevisiDipaFilter

    def simpan(self, *, dipa, obj, data):
        return services.revisi_dipa_save(dipa=dipa, revisi=obj, data=data, by=self.request.user)


class BarisAnggaranViewSet(BagianDipaViewSet):
    """Budget lines with sisa and serapan (computed, read-only)."""

    queryset = BarisAnggaran.objects.select_related("dipa").order_by("dipa_id", "urutan", "id")
    serializer_class = BarisAnggaranSerializer
    filterset_class = BarisAnggaranFilter

    def simpan(self, *, dipa, obj, data):
        return services.baris_anggaran_save(
            dipa=dipa,
            baris=obj,
            data=data,
            diperbarui=data.pop("diperbarui", None),
            by=self.request.user,
        )


# ---------------------------------------------------------------- budget tied to performance


@extend_schema_field(OpenApiTypes.DECIMAL)
class DesimalField(serializers.Field):
    """A decimal that may not be negative; also as users write it (`77,5`, `77,5%`)."""

    def to_internal_value(self, data):
        try:
            nilai = parse_desimal(data)
        except NilaiError as exc:
            raise ValidationError(str(exc)) from exc
        if nilai is None:
            raise ValidationError("Angka wajib diisi.")
        return nilai

    def to_representation(self, value):
        return None if value is None else str(value)


class TautanAnggaranSerializer(AturanModelSerializer):
    baris = TerlihatPKField(queryset=BarisPK.objects.all(), jalur="perjanjian__satker")
    porsi = DesimalField(required=False, help_text="Porsi (%) 0 < porsi ≤ 100; bawaan 100.")

    class Meta:
        model = TautanAnggaran
        fields = ["id", "baris", "kegiatan", "output_kode", "porsi"]
        validators: list = []


class TautanAnggaranViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    BerbasisSatkerViewSet,
):
    """A PK row's links to the kegiatan/outputs of the DIPA (a second link to the same
    kegiatan/output changes its share). Open on a signed PK: a link classifies the row."""

    jalur_satker = "baris__perjanjian__satker"
    queryset = TautanAnggaran.objects.order_by("baris_id", "id")
    serializer_class = TautanAnggaranSerializer
    filterset_fields = ["baris"]

    def perform_create(self, serializer):
        d = serializer.validated_data
        self.pastikan_penulis(d["baris"].perjanjian.satker)
        serializer.instance = jalankan(
            services.tautan_anggaran_save,
            baris=d["baris"],
            kegiatan=d["kegiatan"],
            output_kode=d.get("output_kode", ""),
            porsi=d.get("porsi", Decimal(100)),
            by=self.request.user,
        )

    def perform_destroy(self, instance):
        self.pastikan_penulis(instance.baris.perjanjian.satker)
        jalankan(services.tautan_anggaran_delete, tautan=instance, by=self.request.user)


class BulanROSerializer(serializers.Serializer):
    bulan = serializers.IntegerField(min_value=1, max_value=12)
    volume = DesimalField()
    uang = RupiahField()
    progres = DesimalField(required=False, allow_null=True)
    kendala = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class OutputROSerializer(AturanModelSerializer):
    dipa = TerlihatPKField(queryset=Dipa.objects.all(), jalur="satker")
    volume = DesimalField(help_text="Target volume.")
    bulan = BulanROSerializer(
        many=True, required=False, source="bulanan.all", help_text="Bulan yang dikirim diganti."
    )
    realisasi_volume = serializers.SerializerMethodField()
    capaian_ro = serializers.SerializerMethodField()

    class Meta:
        model = OutputRO
        fields = [
            "id", "dipa", "kegiatan", "output_kode", "satuan", "volume", "kumulatif", "urutan",
            "bulan", "realisasi_volume", "capaian_ro",
        ]  # fmt: skip
        read_only_fields = ["urutan"]
        validators: list = []

    def _volume(self, obj):
        bulan = {m.bulan: m.volume for m in obj.bulanan.all()}
        return engine.volume_ro(bulan, obj.kumulatif)

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_realisasi_volume(self, obj):
        v = self._volume(obj)
        return None if v is None else str(v)

    @extend_schema_field(OpenApiTypes.DECIMAL)
    def get_capaian_ro(self, obj):
        c = engine.capaian_ro(obj.volume, self._volume(obj))
        return None if c is None else str(c)


class OutputROViewSet(BagianDipaViewSet):
    """The outputs (RO) of a DIPA with their months; realisasi volume and capaian RO computed."""

    queryset = OutputRO.objects.prefetch_related("bulanan").order_by("dipa_id", "urutan", "id")
    serializer_class = OutputROSerializer
    filterset_fields = ["dipa"]

    def simpan(self, *, dipa, obj, data):
        bulan = {m["bulan"]: m for m in data.pop("bulanan", {}).get("all", [])}
        bulan = {b: {k: v for k, v in m.items() if k != "bulan"} for b, m in bulan.items()}
        return services.output_ro_save(
            dipa=dipa, ro=obj, data=data, bulan=bulan, by=self.request.user
        )


class RevisiBarisSerializer(AturanModelSerializer):
    revisi = TerlihatPKField(queryset=RevisiDipa.objects.all(), jalur="dipa__satker")
    pagu = RupiahField(help_text="Pagu baris setelah revisi (rupiah).")

    class Meta:
        model = RevisiBaris
        fields = [
            "id", "revisi", "program", "kegiatan", "output_kode", "akun_kode", "sumber", "pagu",
        ]  # fmt: skip
        validators: list = []


class RevisiBarisViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    BerbasisSatkerViewSet,
):
    """The lines a DIPA revision recorded with their pagu after it (a second record of the same
    line changes its pagu)."""

    jalur_satker = "revisi__dipa__satker"
    queryset = RevisiBaris.objects.order_by("revisi_id", "id")
    serializer_class = RevisiBarisSerializer
    filterset_fields = ["revisi"]

    def perform_create(self, serializer):
        d = dict(serializer.validated_data)
        revisi = d.pop("revisi")
        self.pastikan_penulis(revisi.dipa.satker)
        d.setdefault("output_kode", "")
        d.setdefault("akun_kode", "")
        d.setdefault("sumber", BarisAnggaran.Sumber.APBN)
        serializer.instance = jalankan(
            services.revisi_baris_save, revisi=revisi, data=d, by=self.request.user
        )

    def perform_destroy(self, instance):
        self.pastikan_penulis(instance.revisi.dipa.satker)
        jalankan(services.revisi_baris_delete, baris=instance, by=self.request.user)
