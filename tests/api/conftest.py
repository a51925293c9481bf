import pytest
from rest_framework.test import APIClient

from tests.rekap.data import isi_satker


@pytest.fixture
def data(personas):
    for s in (personas.provinsi, personas.satker_a, personas.satker_b):
        isi_satker(s)
    return personas


@pytest.fixture
def api():
    return APIClient()


def masuk(api, user):
    if user.is_authenticated:
        api.force_authenticate(user)
    return api
