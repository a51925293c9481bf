"""REST API for satker and their officials, and the access rules every API viewset shares.

Lists and details are scoped by `satker_visible` (a stranger gets 404), writes need
`can_write` (a reviewer gets 403), and every write goes through a service, whose
ValidationError becomes a 400 with its Indonesian message.
"""

from __future__ import annotations

from functools import reduce

import django_filters as df
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError

from common.api import AturanModelSerializer, jalankan
from satker.models import Pejabat, Satker
from satker.selectors import can_write, satker_visible, satker_writable
from satker.services import pejabat_delete, pejabat_save


class DapatMenulis(permissions.BasePermission):
    """Reads for whoever may read the object (the queryset is scoped); writes for its writers."""

    message = "Anda hanya dapat membaca data satker ini."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return satker_writable(request.user).exists()

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_write(request.user, view.satker_dari(obj))


class TerlihatMixin:
    """A related field offering only objects of satker the requesting user may read."""

    def __init__(self, *args, jalur: str = "", **kwargs):
        self.jalur = jalur
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        terlihat = satker_visible(request.user) if request else Satker.objects.none()
        kunci = f"{self.jalur}__in" if self.jalur else "pk__in"
        return self.queryset.filter(**{kunci: terlihat})


class SatkerField(TerlihatMixin, serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Satker.objects.all())
        super().__init__(slug_field="kode", **kwargs)


class TerlihatPKField(TerlihatMixin, serializers.PrimaryKeyRelatedField):
    pass


class BerbasisSatkerViewSet(viewsets.GenericViewSet):
    """A viewset over objects that belong to a satker, reached through `jalur_satker`."""

    jalur_satker = "satker"
    permission_classes = [permissions.IsAuthenticated, DapatMenulis]

    def get_queryset(self):
        terlihat = satker_visible(self.request.user)
        return super().get_queryset().filter(**{f"{self.jalur_satker}__in": terlihat})

    def satker_dari(self, obj) -> Satker:
        return reduce(getattr, self.jalur_satker.split("__"), obj)

    def pastikan_penulis(self, satker: Satker) -> None:
        if not can_write(self.request.user, satker):
            self.permission_denied(self.request, message=DapatMenulis.message)


# ---------------------------------------------------------------- satker


class SatkerSerializer(serializers.ModelSerializer):
    induk = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    tingkat_label = serializers.CharField(source="get_tingkat_display", read_only=True)

    class Meta:
        model = Satker
        fields = ["id", "kode", "nama", "tingkat", "tingkat_label", "induk", "alamat", "kota"]


class SatkerFilter(df.FilterSet):
    induk = df.CharFilter(field_name="induk__kode", help_text="Kode satker induk (provinsi).")
    nama = df.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Satker
        fields = ["kode", "tingkat", "induk", "nama"]


class SatkerViewSet(viewsets.ReadOnlyModelViewSet):
    """Satker the user may read. Master data: changed in the admin, not through the API."""

    serializer_class = SatkerSerializer
    filterset_class = SatkerFilter
    lookup_field = "kode"

    def get_queryset(self):
        return satker_visible(self.request.user).select_related("induk").order_by("kode")


# ---------------------------------------------------------------- pejabat


class PejabatSerializer(AturanModelSerializer):
    satker = SatkerField()

    class Meta:
        model = Pejabat
        fields = ["id", "satker", "nama", "nip", "jabatan", "divisi", "mulai", "selesai"]
        validators: list = []  # the service's full_clean reports duplicates in Indonesian


class PejabatFilter(df.FilterSet):
    satker = df.CharFilter(field_name="satker__kode", help_text="Kode satker.")
    jabatan = df.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Pejabat
        fields = ["satker", "jabatan"]


class PejabatViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    BerbasisSatkerViewSet,
):
    queryset = Pejabat.objects.select_related("satker").order_by("satker__kode", "jabatan", "nama")
    serializer_class = PejabatSerializer
    filterset_class = PejabatFilter

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        satker = data.pop("satker")
        self.pastikan_penulis(satker)
        serializer.instance = jalankan(pejabat_save, satker=satker, data=data, by=self.request.user)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        satker = data.pop("satker", serializer.instance.satker)
        if satker != serializer.instance.satker:
            raise ValidationError({"satker": "Pejabat tidak dapat dipindah ke satker lain."})
        serializer.instance = jalankan(
            pejabat_save,
            satker=satker,
            pejabat=serializer.instance,
            data=data,
            by=self.request.user,
        )

    def perform_destroy(self, instance):
        jalankan(pejabat_delete, pejabat=instance, by=self.request.user)
