"""Locks that hold below every channel: database triggers refuse any change to a signed PK (with
its rows, quarterly targets and budget) and to a final LKjIP version, whatever writes it (a
service, the admin, a command, `QuerySet.update()`, raw SQL).

Only whole-database operations trusted by construction pass them: loading the demo fixture,
restoring a backup, flushing a test database. They run inside `kunci_dilepas()`, which writes a
row into `kunci_pengecualian` for the length of its transaction; the triggers let writes through
while that row exists. Other connections never see it (it is not committed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import connection, connections, models, transaction
from django.db.models.signals import post_migrate, pre_migrate

TABEL_PENGECUALIAN = "kunci_pengecualian"
ADA_PENGECUALIAN = f"EXISTS (SELECT 1 FROM {TABEL_PENGECUALIAN})"


@contextmanager
def kunci_dilepas(alasan: str) -> Iterator[None]:
    """Let a trusted whole-database operation (restore, fixture load) write locked rows. Inside
    another release (the demo load setting a date) it changes nothing."""
    if _dilepas():
        yield
        return
    with transaction.atomic(), connection.cursor() as c:
        c.execute(f"INSERT INTO {TABEL_PENGECUALIAN} (alasan) VALUES (%s)", [alasan[:100]])
        connection.kunci_dilepas = True
        try:
            yield
        finally:
            connection.kunci_dilepas = False
            c.execute(f"DELETE FROM {TABEL_PENGECUALIAN}")


def _dilepas() -> bool:
    return getattr(connection, "kunci_dilepas", False)


class KunciQuerySet(models.QuerySet):
    """`update()` and `delete()` refuse locked rows with the lock's message (the triggers would
    refuse them too, as a database error)."""

    def update(self, **kwargs):
        if not self.model.hanya_kolom_bebas(kwargs):
            self.model.tolak_bila_terkunci(self)
        return super().update(**kwargs)

    def delete(self):
        self.model.tolak_bila_terkunci(self)
        return super().delete()


class TerkunciMixin:
    """A model whose rows a signature or finalising locks. `KUNCI` is the lookup and value that
    select locked rows (`("perjanjian__status", "DITANDATANGANI")`); a lookup through a foreign
    key also locks that parent: no row may be added to it or moved into it."""

    KUNCI: tuple[str, str]
    PESAN_KUNCI: str
    # Fields that stay open on a locked row (a classification, not what was signed). Only
    # `save(update_fields=...)` and `update()` naming nothing else may change them there.
    KOLOM_BEBAS: tuple[str, ...] = ()

    @classmethod
    def hanya_kolom_bebas(cls, fields) -> bool:
        """Whether a write names only fields that stay open on a locked row (and the row's
        timestamp)."""
        if not cls.KOLOM_BEBAS or not fields:
            return False
        bebas = {*cls.KOLOM_BEBAS, "diperbarui"}
        # By name or by column name (QuerySet.bulk_update passes `indikator_kinerja_id`).
        nama = {f.attname: f.name for f in cls._meta.concrete_fields}
        return all(nama.get(f, f) in bebas for f in fields)

    @classmethod
    def tolak_bila_terkunci(cls, qs: models.QuerySet) -> None:
        if not _dilepas() and qs.filter(**{cls.KUNCI[0]: cls.KUNCI[1]}).exists():
            raise ValidationError(cls.PESAN_KUNCI, code="terkunci")

    def induk_terkunci(self) -> bool:
        """Whether the parent this row is (being) put into is locked."""
        lookup, nilai = self.KUNCI
        if "__" not in lookup:
            return False
        fk, sisa = lookup.split("__", 1)
        field = self._meta.get_field(fk)
        induk = getattr(self, field.attname)
        return induk is not None and (
            field.related_model._base_manager.filter(pk=induk, **{sisa: nilai}).exists()
        )

    def _tolak_bila_terkunci(self) -> None:
        if _dilepas():
            return
        tersimpan = type(self)._base_manager.filter(pk=self.pk) if self.pk else None
        if tersimpan is not None:
            type(self).tolak_bila_terkunci(tersimpan)
        if self.induk_terkunci():
            raise ValidationError(self.PESAN_KUNCI, code="terkunci")

    def save(self, *args, **kwargs):
        if not self.hanya_kolom_bebas(kwargs.get("update_fields")):
            self._tolak_bila_terkunci()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._tolak_bila_terkunci()
        return super().delete(*args, **kwargs)


def kolom_berubah(kecuali: tuple[str, ...]):
    """A trigger condition, built when the trigger is created: some column of the table other
    than `kecuali` changes. Columns added later are covered: triggers are rebuilt after every
    migration."""

    def syarat(koneksi, tabel: str) -> str:
        with koneksi.cursor() as c:
            kolom = [k.name for k in koneksi.introspection.get_table_description(c, tabel)]
        return " OR ".join(f"NEW.{k} IS DISTINCT FROM OLD.{k}" for k in kolom if k not in kecuali)

    return syarat


def pemicu_anak(
    nama: str, tabel: str, induk: Callable[[str], str], pesan: str, bebas: tuple[str, ...] = ()
) -> list[tuple]:
    """The triggers of a table whose rows belong to a lockable parent: inserting into, changing
    in or out of, and deleting from a locked parent are refused (a change of the `bebas` columns
    alone excepted). `induk("NEW")` is SQL that is true when the row's parent is locked."""
    ubah: str | list = f"{induk('OLD')} OR {induk('NEW')}"
    if bebas:
        ubah = [ubah, kolom_berubah(bebas)]
    return [
        (f"kunci_{nama}_ins", tabel, "INSERT", induk("NEW"), pesan),
        (f"kunci_{nama}_upd", tabel, "UPDATE", ubah, pesan),
        (f"kunci_{nama}_del", tabel, "DELETE", induk("OLD"), pesan),
    ]


def pasang_pemicu(koneksi, pemicu: list[tuple]) -> None:
    """Create the lock triggers.

    `pemicu` holds (name, table, "INSERT"|"UPDATE"|"DELETE", condition, message) tuples; the
    condition is SQL over OLD and NEW that is true when the write must be refused, or a list of
    such SQL and `kolom_berubah(...)` parts, all of which must hold.
    """
    vendor = koneksi.vendor
    for nama, tabel, peristiwa, syarat, pesan in pemicu:
        if isinstance(syarat, list):
            syarat = " AND ".join(
                f"({s if isinstance(s, str) else s(koneksi, tabel)})" for s in syarat
            )
        pesan_sql = pesan.replace("'", "''")
        if vendor == "postgresql":
            kembali = "OLD" if peristiwa == "DELETE" else "NEW"
            _jalankan(
                koneksi,
                f"""
                CREATE OR REPLACE FUNCTION {nama}() RETURNS trigger AS $$
                BEGIN
                    IF NOT {ADA_PENGECUALIAN} AND ({syarat}) THEN
                        RAISE EXCEPTION '{pesan_sql}'
                            USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    RETURN {kembali};
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER {nama} BEFORE {peristiwa} ON {tabel}
                    FOR EACH ROW EXECUTE FUNCTION {nama}();
                """,
            )
        else:
            _jalankan(
                koneksi,
                f"""
                CREATE TRIGGER {nama} BEFORE {peristiwa} ON {tabel}
                FOR EACH ROW WHEN NOT {ADA_PENGECUALIAN} AND ({syarat})
                BEGIN SELECT RAISE(ABORT, '{pesan_sql}'); END;
                """,
            )


def lepas_pemicu(koneksi, pemicu: list[tuple]) -> None:
    ada = set(koneksi.introspection.table_names())
    for nama, tabel, *_ in pemicu:
        if koneksi.vendor == "postgresql" and tabel in ada:
            _jalankan(koneksi, f"DROP TRIGGER IF EXISTS {nama} ON {tabel}")
            _jalankan(koneksi, f"DROP FUNCTION IF EXISTS {nama}()")
        elif koneksi.vendor != "postgresql":
            _jalankan(koneksi, f"DROP TRIGGER IF EXISTS {nama}")


def _jalankan(koneksi, sql: str) -> None:
    with koneksi.cursor() as c:
        c.execute(sql)


def hubungkan_pemicu(app_config, pemicu: list[tuple[str, str, str, str, str]]) -> None:
    """Keep an app's lock triggers in place across migrations: dropped before `migrate` runs
    (SQLite rebuilds a table to alter it, and a trigger naming a table being rebuilt breaks
    the rebuild) and created again after it, when every table they name exists."""

    def sebelum(using, **kwargs):
        lepas_pemicu(connections[using], pemicu)

    def sesudah(using, plan=None, **kwargs):
        if plan is None:  # a flush, not a migration: the triggers are still in place
            return
        koneksi = connections[using]
        ada = set(koneksi.introspection.table_names())
        if TABEL_PENGECUALIAN in ada and all(p[1] in ada for p in pemicu):
            lepas_pemicu(koneksi, pemicu)
            pasang_pemicu(koneksi, pemicu)

    pre_migrate.connect(sebelum, sender=app_config, weak=False)
    post_migrate.connect(sesudah, sender=app_config, weak=False)
