"""Shared fixtures: the personas every access test uses.

Office A and office B are two KPU Kota of the same province; the reviewer reviews that province.
"""

import datetime as dt
from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from satker.models import Peran, Satker
from tests.factories import ProvinsiFactory, SatkerFactory, UserFactory, user_with_role


@dataclass
class Personas:
    satker_a: Satker
    satker_b: Satker
    provinsi: Satker
    operator_a: User
    operator_b: User
    sekretaris_a: User
    ketua_a: User
    reviewer: User
    admin: User
    anonim: AnonymousUser

    def all(self) -> dict[str, User | AnonymousUser]:
        return {
            "operator_a": self.operator_a,
            "operator_b": self.operator_b,
            "sekretaris_a": self.sekretaris_a,
            "ketua_a": self.ketua_a,
            "reviewer": self.reviewer,
            "admin": self.admin,
            "anonim": self.anonim,
        }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 would cost seconds per test that creates users; the hasher is not under test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _cache_kosong():
    # The rekap caches figures by a fingerprint of ids and timestamps; a rolled-back test can
    # leave the next one the same ids, so every test starts with an empty cache.
    cache.clear()


@pytest.fixture
def personas(db) -> Personas:
    return buat_personas()


def buat_personas() -> Personas:
    """Office A and B of one province with their staff, the province's reviewer and an admin
    (password rahasia-uji-123); also used by tests that fill a database of their own."""
    provinsi = ProvinsiFactory(kode="16", nama="KPU Provinsi Sumatera Selatan")
    a = SatkerFactory(kode="1672", nama="KPU Kota Pagar Alam", induk=provinsi, kota="Pagar Alam")
    b = SatkerFactory(kode="1674", nama="KPU Kota Lubuk Linggau", induk=provinsi)
    J = Peran.Jenis
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return Personas(
        satker_a=a,
        satker_b=b,
        provinsi=provinsi,
        operator_a=user_with_role(a, J.OPERATOR, "operator_a"),
        operator_b=user_with_role(b, J.OPERATOR, "operator_b"),
        sekretaris_a=user_with_role(a, J.SEKRETARIS, "sekretaris_a"),
        ketua_a=user_with_role(a, J.KETUA, "ketua_a"),
        reviewer=user_with_role(provinsi, J.REVIEWER, "reviewer"),
        admin=admin,
        anonim=AnonymousUser(),
    )


@pytest.fixture(scope="module")
def demo_modul(django_db_setup, django_db_blocker, tmp_path_factory):
    """`manage.py demo` once for a whole test module (it renders three final PDFs): loaded in a
    transaction that is rolled back after the module; each test runs in a savepoint inside it
    (the `db` fixture), so what a test changes is gone for the next. Returns what it printed."""
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


@pytest.fixture
def desember_2026(monkeypatch):
    """Today is 15 December 2026 (for the SAKIP calendar: kinerja/jadwal.py)."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 12, 15))
