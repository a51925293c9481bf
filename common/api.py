"""What every API serializer and viewset shares: the model states the rules, the service applies
them, and the API answers as the form and the workbook do."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.parsers import JSONParser

from common.versi import KonflikVersi, baca_versi


class Konflik(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Data ini sudah diubah orang lain setelah Anda membacanya."
    default_code = "konflik"


def jalankan(layanan: Callable[..., Any], **kwargs: Any) -> Any:
    """Call a service: its ValidationError (a user's mistake) becomes a 400, a stale version a
    409 with who changed the row and when; never a 500."""
    try:
        return layanan(**kwargs)
    except KonflikVersi as exc:
        raise Konflik(exc.messages[0]) from exc
    except DjangoValidationError as exc:
        raise ValidationError(serializers.as_serializer_error(exc)) from exc


class AturanModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer that leaves the field rules (validators, lengths, clean()) to the
    model, which the service checks with full_clean(): one rule, one message, every channel."""

    def build_standard_field(self, field_name, model_field):
        kelas, kwargs = super().build_standard_field(field_name, model_field)
        kwargs.pop("validators", None)
        kwargs.pop("max_length", None)
        return kelas, kwargs


@extend_schema_field(OpenApiTypes.STR)
class VersiField(serializers.Field):
    """`diperbarui`: read it with a row and send it back with a change; a change based on an
    older version is refused with 409. `baru` claims a row that did not exist yet (an empty
    realisasi cell), so a first entry never overwrites another one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault(
            "help_text",
            "Versi baris yang Anda baca (kirim kembali saat mengubah; `baru` untuk sel kosong).",
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        try:
            return baca_versi(data)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict["diperbarui"]) from exc

    def to_representation(self, value):
        return value.isoformat() if value else None


KEDALAMAN_MAKS = 32
_STRING_JSON = re.compile(rb'"(?:\\.|[^"\\])*"')
_KURUNG = bytes(range(256)).translate(None, b"[]{}")


def kedalaman_json(isi: bytes) -> int:
    """How deeply a JSON text nests, counted on its brackets outside strings (no parsing)."""
    kurung = _STRING_JSON.sub(b"", isi).translate(None, _KURUNG)
    dalam = puncak = 0
    for c in kurung:
        dalam += 1 if c in b"[{" else -1
        puncak = max(puncak, dalam)
    return puncak


class JSONParserAman(JSONParser):
    """JSON, refused with a 400 before parsing when it nests deeper than any request of this
    API needs (a deep body would exhaust Python's recursion)."""

    def parse(self, stream, media_type=None, parser_context=None):
        isi = stream.read() if stream is not None else b""
        if kedalaman_json(isi) > KEDALAMAN_MAKS:
            raise ParseError(f"JSON bersarang terlalu dalam (lebih dari {KEDALAMAN_MAKS} tingkat).")
        return super().parse(io.BytesIO(isi), media_type, parser_context)
