"""REST API of the rekap: a province's (its reviewers) or the nation's (KPU RI reviewers, admins).

Not paginated: a rekap is computed for all its satker at once, in a fixed number of queries.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import (
    PengukuranSerializer,
    RingkasanCapaianSerializer,
    TotalSerializer,
    ringkasan_dict,
    total_dict,
)
from rekap import selectors as rekap
from satker.models import Satker
from satker.selectors import can_review


class RekapPKSerializer(serializers.Serializer):
    jenis = serializers.CharField()
    perjanjian = serializers.IntegerField(source="perjanjian_id", allow_null=True)
    versi = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    ringkasan = RingkasanCapaianSerializer()
    kategori = serializers.CharField()


class KelengkapanSerializer(serializers.Serializer):
    periode = serializers.CharField()
    terisi = serializers.IntegerField()
    jumlah = serializers.IntegerField()
    berakhir = serializers.BooleanField()
    terlambat = serializers.BooleanField()


class BarisRekapSerializer(serializers.Serializer):
    """The schema of a rekap row; `rekap_dict` writes it."""

    satker = serializers.CharField(source="satker.kode")
    nama = serializers.CharField(source="satker.nama")
    provinsi = serializers.CharField(source="provinsi.kode", allow_null=True, default=None)
    pk = RekapPKSerializer(many=True)
    ringkasan = RingkasanCapaianSerializer()
    kategori = serializers.CharField()
    kelengkapan = KelengkapanSerializer(many=True)
    anggaran = TotalSerializer()
    pagu_dipa = serializers.IntegerField(allow_null=True)
    status_laporan = serializers.CharField()
    laporan_final = serializers.BooleanField()
    temuan = serializers.IntegerField()
    terlambat = serializers.ListField(child=serializers.CharField())


def rekap_dict(b: rekap.BarisRekap) -> dict:
    """A rekap row as BarisRekapSerializer describes it."""
    return {
        "satker": b.satker.kode,
        "nama": b.satker.nama,
        "provinsi": b.provinsi.kode if b.provinsi else None,
        "pk": [
            {
                "jenis": r.jenis,
                "perjanjian": r.perjanjian_id,
                "versi": r.versi,
                "status": r.status,
                "ringkasan": ringkasan_dict(r.ringkasan),
                "kategori": r.kategori,
            }
            for r in b.pk.values()
        ],
        "ringkasan": ringkasan_dict(b.ringkasan),
        "kategori": b.kategori,
        "kelengkapan": [
            {
                "periode": k.periode,
                "terisi": k.terisi,
                "jumlah": k.jumlah,
                "berakhir": k.berakhir,
                "terlambat": k.terlambat,
            }
            for k in b.kelengkapan
        ],
        "anggaran": total_dict(b.anggaran),
        "pagu_dipa": b.pagu_dipa,
        "status_laporan": b.status_laporan,
        "laporan_final": b.laporan_final,
        "temuan": b.temuan,
        "terlambat": b.terlambat,
    }


class BarisIndikatorSerializer(serializers.Serializer):
    peringkat = serializers.IntegerField(allow_null=True)
    satker = serializers.CharField(source="satker.kode")
    nama = serializers.CharField(source="satker.nama")
    baris = serializers.IntegerField(source="pengukuran.baris.pk", allow_null=True, default=None)
    target = serializers.CharField(source="pengukuran.baris.target", allow_null=True, default=None)
    pengukuran = PengukuranSerializer(allow_null=True)


PARAM_TAHUN = OpenApiParameter("tahun", int, required=True, description="Tahun.")
PARAM_PROVINSI = OpenApiParameter(
    "provinsi", str, description="Kode provinsi; tanpa ini: rekap nasional (KPU RI, admin)."
)


def _tahun_wajib(request) -> int:
    teks = request.query_params.get("tahun", "")
    if not (teks.isdigit() and 2000 <= int(teks) <= 2100):
        raise ValidationError({"tahun": "Tahun wajib diisi, mis. 2024."})
    return int(teks)


def _lingkup_rekap(request) -> Satker | None:
    """The province of the rekap (None: national); 404 for who may not see it."""
    kode = request.query_params.get("provinsi", "")
    if kode:
        satker = get_object_or_404(
            Satker.objects.select_related("induk"), kode=kode, tingkat=Satker.Tingkat.PROVINSI
        )
    else:
        satker = Satker.objects.filter(tingkat=Satker.Tingkat.RI).first()
    if satker is None or not can_review(request.user, satker):
        raise Http404
    return satker if kode else None


class RekapView(APIView):
    """Rekap of a province (its reviewers) or of all satker (KPU RI reviewers and admins).

    Not paginated: a rekap is computed for all its satker at once, in a fixed number of queries.
    """

    @extend_schema(
        parameters=[
            PARAM_TAHUN,
            PARAM_PROVINSI,
            OpenApiParameter("status", str, enum=list(rekap.STATUS_FILTER)),
            OpenApiParameter(
                "urut",
                str,
                description="Kolom urutan; awali '-' untuk menurun.",
                enum=[*rekap.URUTAN, *(f"-{k}" for k in rekap.URUTAN)],
            ),
        ],
        responses=BarisRekapSerializer(many=True),
    )
    def get(self, request):
        tahun = _tahun_wajib(request)
        provinsi = _lingkup_rekap(request)
        baris = rekap.rekap_satker(user=request.user, tahun=tahun, provinsi=provinsi)
        baris = rekap.saring(baris, request.query_params.get("status", ""))
        baris = rekap.urutkan(baris, request.query_params.get("urut", rekap.URUTAN_BAKU))
        return Response([rekap_dict(b) for b in baris])


class RekapIndikatorView(APIView):
    """One indicator across the satker of a province (or all), ranked by capaian."""

    @extend_schema(
        parameters=[
            PARAM_TAHUN,
            PARAM_PROVINSI,
            OpenApiParameter(
                "indikator",
                str,
                required=True,
                description="`ik:<kode katalog>` (mis. `ik:IK4.2`) atau `teks:<nama indikator>`.",
            ),
        ],
        responses=BarisIndikatorSerializer(many=True),
    )
    def get(self, request):
        tahun = _tahun_wajib(request)
        provinsi = _lingkup_rekap(request)
        baris = rekap.rekap_indikator(
            user=request.user,
            tahun=tahun,
            provinsi=provinsi,
            kunci=request.query_params.get("indikator", ""),
        )
        return Response(BarisIndikatorSerializer(baris, many=True).data)
