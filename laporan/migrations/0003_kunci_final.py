from django.db import migrations

from common.kunci import lepas_pemicu, pasang_pemicu
from laporan.kunci import PEMICU


def pasang(apps, schema_editor):
    pasang_pemicu(schema_editor, PEMICU)


def lepas(apps, schema_editor):
    lepas_pemicu(schema_editor, PEMICU)


class Migration(migrations.Migration):
    """Database triggers: a final LKjIP version and its justifications refuse every change."""

    dependencies = [("common", "0001_kunci_pengecualian"), ("laporan", "0002_pdf_laporan")]
    operations = [migrations.RunPython(pasang, lepas)]
