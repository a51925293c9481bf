from django.db import migrations

from common.kunci import lepas_pemicu, pasang_pemicu
from kinerja.kunci import PEMICU


def pasang(apps, schema_editor):
    pasang_pemicu(schema_editor, PEMICU)


def lepas(apps, schema_editor):
    lepas_pemicu(schema_editor, PEMICU)


class Migration(migrations.Migration):
    """Database triggers: a signed PK and its rows, targets and budget refuse every change."""

    dependencies = [("common", "0001_kunci_pengecualian"), ("kinerja", "0002_aturan_di_model")]
    operations = [migrations.RunPython(pasang, lepas)]
