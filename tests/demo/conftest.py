"""The tests that read the demo data: `manage.py demo` is loaded once for this whole package."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="package")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """`manage.py demo` once for every module of this package (it renders three final PDFs):
    loaded in a transaction that is rolled back after the package; each test runs in a savepoint
    inside it (the `db` fixture), so what a test changes is gone for the next. Returns what it
    printed. Only tests that read the demo belong in this package."""
    media = tmp_path_factory.mktemp("media")
    hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hasher),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
