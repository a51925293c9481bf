"""Fixtures of the rekap tests: two satker with data, and who the rekap measured."""

import pytest

from rekap import selectors as rekap
from tests.rekap.data import isi_satker


@pytest.fixture
def dua(personas):
    isi_satker(personas.satker_a, i=3)
    isi_satker(personas.satker_b, i=8)
    return personas


@pytest.fixture
def dihitung(monkeypatch):
    """The satker measured (not read from the cache) since the fixture started."""
    kode: list[str] = []
    asli = rekap._hitung

    def catat(satker, *args):
        kode.extend(s.kode for s in satker)
        return asli(satker, *args)

    monkeypatch.setattr(rekap, "_hitung", catat)
    return kode
