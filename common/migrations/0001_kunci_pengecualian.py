from django.db import migrations

from common.kunci import TABEL_PENGECUALIAN


class Migration(migrations.Migration):
    """The table whose (uncommitted) row lets a trusted whole-database operation pass the lock
    triggers (common/kunci.py)."""

    initial = True
    dependencies: list = []

    operations = [
        migrations.RunSQL(
            f"CREATE TABLE {TABEL_PENGECUALIAN} (alasan varchar(100) NOT NULL)",
            f"DROP TABLE {TABEL_PENGECUALIAN}",
        )
    ]
