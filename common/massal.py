"""Bulk work: writing many new rows with their history at once (`buat_dengan_riwayat`), and
holding Python's cycle collector while a large import runs (`tanpa_gc`).

On PostgreSQL the rows and their history rows go in through `COPY`, with ids taken from the
table's sequence beforehand (so the objects know their ids, as after `bulk_create`): Django's
`bulk_create` spends most of its time compiling one parameter per value into an INSERT, which for
the 164 000 rows of a national workbook was as long as reading the workbook (issue 19). COPY runs
the tables' triggers (the locks of `common.kunci`) as an INSERT does. Elsewhere, and for a model
with a field kind not listed here, `bulk_create_with_history`.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from operator import attrgetter

from django.conf import settings
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

# COPY's text format: a value per column separated by tabs, \N for NULL, backslash escapes.
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def _waktu(nilai: dt.datetime) -> str:
    if timezone.is_naive(nilai) and settings.USE_TZ:
        nilai = timezone.make_aware(nilai)
    return nilai.isoformat()


# By exact type first (the usual case, one lookup), then by kind (choices are str or int).
_TEKS: dict[type, Callable[[object], str]] = {
    str: lambda v: v.translate(_ESCAPE),
    int: str,
    type(None): lambda v: NULL,
    bool: lambda v: "t" if v else "f",
    Decimal: str,
    float: repr,
    dt.date: dt.date.isoformat,
    dt.datetime: _waktu,
}
_MENURUT_JENIS = [
    (bool, _TEKS[bool]),
    (str, _TEKS[str]),
    (int, str),
    (dt.datetime, _waktu),
    (dt.date, dt.date.isoformat),
    (FieldFile, lambda v: (v.name or "").translate(_ESCAPE)),
]


def _teks(nilai) -> str:
    ubah = _TEKS.get(type(nilai))
    if ubah is None:
        ubah = next((u for t, u in _MENURUT_JENIS if isinstance(nilai, t)), None)
        if ubah is None:
            raise TypeError(f"{type(nilai).__name__} tidak dapat disalin")
    return ubah(nilai)


# Field kinds whose attribute is what the column stores, once `pre_save` has run.
_LANGSUNG = (
    models.CharField,  # also SlugField, EmailField, URLField
    models.TextField,
    models.IntegerField,  # also the positive, small and big ones, and the AutoFields
    models.BooleanField,
    models.DecimalField,
    models.FloatField,
    models.DateField,  # also DateTimeField; `pre_save` sets auto_now
    models.ForeignKey,  # the attribute is `<name>_id`
    models.FileField,  # `pre_save` stores the file; the column holds its name
)
_PRE_SAVE = (models.DateField, models.FileField)
_ID = (models.AutoField, models.BigAutoField, models.SmallAutoField)


def _bisa_disalin(model: type[models.Model]) -> bool:
    meta = model._meta
    return (
        isinstance(meta.pk, _ID)
        and not meta.parents
        and all(isinstance(f, _LANGSUNG) for f in meta.concrete_fields)
    )


def _milik_kita(field: models.Field) -> bool:
    return not type(field).__module__.startswith("django.")


def _siapkan(baris: tuple, ubah: list[tuple[int, Callable]]) -> tuple:
    nilai = list(baris)
    for i, siapkan in ubah:
        nilai[i] = siapkan(nilai[i])
    return tuple(nilai)


def _salin(tabel: str, kolom: list[str], baris: list[tuple]) -> None:
    isi = io.StringIO("".join("\t".join(map(_teks, b)) + "\n" for b in baris))
    nama = ", ".join(connection.ops.quote_name(k) for k in kolom)
    with connection.cursor() as c:
        c.cursor.copy_expert(f"COPY {connection.ops.quote_name(tabel)} ({nama}) FROM STDIN", isi)


def _id_baru(model: type[models.Model], jumlah: int) -> list[int]:
    with connection.cursor() as c:
        c.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, jumlah],
        )
        return [r[0] for r in c.fetchall()]


def buat_dengan_riwayat(
    objs: list[models.Model], model: type[models.Model], *, user, alasan: str
) -> None:
    """Insert the unsaved `objs` and a "+" history row for each (by `user`, with `alasan`); the
    objects get their ids and saved state, as after `bulk_create`."""
    if not objs:
        return
    if connection.vendor != "postgresql" or not _bisa_disalin(model):
        bulk_create_with_history(
            objs, model, batch_size=500, default_user=user, default_change_reason=alasan
        )
        return
    fields = model._meta.concrete_fields
    pre_save = [f for f in fields if isinstance(f, _PRE_SAVE)]
    for obj, pk in zip(objs, _id_baru(model, len(objs)), strict=True):
        obj.pk = pk
        for f in pre_save:
            f.pre_save(obj, True)
    ambil = attrgetter(*(f.attname for f in fields))
    baris = [ambil(obj) for obj in objs]
    # A field of our own may change a value on its way to the database (KodeField drops the
    # spaces in a NIP): its get_prep_value runs, as in bulk_create; Django's own need not.
    ubah = [(i, f.get_prep_value) for i, f in enumerate(fields) if _milik_kita(f)]
    if ubah:
        baris = [_siapkan(b, ubah) for b in baris]
    _salin(model._meta.db_table, [f.column for f in fields], baris)
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    riwayat = model.history.model
    dilacak = {f.attname for f in riwayat.tracked_fields}
    posisi = [i for i, f in enumerate(fields) if f.attname in dilacak]
    kolom = [riwayat._meta.get_field(fields[i].name).column for i in posisi]
    tambahan = (timezone.now(), alasan, "+", user.pk if user is not None else None)
    kolom += ["history_date", "history_change_reason", "history_type", "history_user_id"]
    _salin(riwayat._meta.db_table, kolom, [(*(b[i] for i in posisi), *tambahan) for b in baris])


_GC = {"dipakai": 0, "aktif": True}
_GC_KUNCI = threading.Lock()


@contextmanager
def tanpa_gc() -> Iterator[None]:
    """Python's cycle collector off for the block. An import creates millions of objects that
    live until it ends (cells, rows, model instances); the collector kept scanning them, which
    was half the CPU of writing the national workbook (issue 19). Memory is unchanged but for
    cycles, which are collected once the last block in the process ends (threads may nest)."""
    with _GC_KUNCI:
        if _GC["dipakai"] == 0:
            _GC["aktif"] = gc.isenabled()
            gc.disable()
        _GC["dipakai"] += 1
    try:
        yield
    finally:
        with _GC_KUNCI:
            _GC["dipakai"] -= 1
            if _GC["dipakai"] == 0 and _GC["aktif"]:
                gc.enable()
