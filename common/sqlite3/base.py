"""Django's SQLite backend, with one change: flushing the database (tests, `manage.py flush`)
passes the lock triggers, as TRUNCATE does on PostgreSQL (common/kunci.py)."""

from django.db.backends.sqlite3 import base, operations

from common.kunci import TABEL_PENGECUALIAN


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        sql = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not sql:
            return sql
        return [
            f"INSERT INTO {TABEL_PENGECUALIAN} (alasan) VALUES ('flush')",
            *sql,
            f"DELETE FROM {TABEL_PENGECUALIAN}",
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
