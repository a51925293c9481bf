"""REST API for the LKjIP: each version's status, and the final PDF."""

from __future__ import annotations

import django_filters as df
from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from laporan.models import LaporanKinerja
from satker.api import BerbasisSatkerViewSet


class LaporanSerializer(serializers.ModelSerializer):
    # A plain string: an enum named "status" would collide with the PK's in the schema.
    status = serializers.CharField(read_only=True, help_text="DRAFT atau FINAL.")
    satker = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    unduh = serializers.SerializerMethodField(help_text="PDF final (hanya versi final).")
    pratinjau = serializers.SerializerMethodField(help_text="Halaman pratinjau laporan.")

    class Meta:
        model = LaporanKinerja
        fields = [
            "id", "satker", "tahun", "versi", "status", "difinalkan_pada", "penandatangan",
            "sha256", "dibuat", "unduh", "pratinjau",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_unduh(self, obj) -> str | None:
        if not obj.final:
            return None
        url = reverse("api:laporan-unduh", args=[obj.pk])
        return self.context["request"].build_absolute_uri(url)

    @extend_schema_field(OpenApiTypes.URI)
    def get_pratinjau(self, obj) -> str:
        url = reverse("laporan:pratinjau", args=[obj.satker.kode, obj.tahun])
        return self.context["request"].build_absolute_uri(url)


class LaporanFilter(df.FilterSet):
    tahun = df.NumberFilter(help_text="Tahun.", min_value=2000, max_value=2100, decimal_places=0)
    satker = df.CharFilter(field_name="satker__kode", help_text="Kode satker.")

    class Meta:
        model = LaporanKinerja
        fields = ["tahun", "satker", "status", "versi"]


class LaporanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, BerbasisSatkerViewSet):
    """LKjIP versions of the satker the user may read. Finalising happens on the report page."""

    queryset = LaporanKinerja.objects.select_related("satker").order_by(
        "satker__kode", "-tahun", "-versi"
    )
    serializer_class = LaporanSerializer
    filterset_class = LaporanFilter

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def unduh(self, request, pk=None):
        """The final PDF of this version (404 while it is a draft)."""
        laporan = self.get_object()
        if not laporan.final or not laporan.pdf:
            raise Http404
        nama = f"LKjIP-{laporan.satker.kode}-{laporan.tahun}-v{laporan.versi}.pdf"
        return FileResponse(laporan.pdf.open("rb"), as_attachment=True, filename=nama)
