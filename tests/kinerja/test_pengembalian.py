"""The ketua returns a submitted PK to the sekretaris with a reason (issue 16, first loop)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.models import PengembalianPK, PerjanjianKinerja
from tests.factories import BarisPKFactory, PerjanjianFactory, tandatangani

S = PerjanjianKinerja.Status
ALASAN = "Target indikator 2.1 berbeda dari Renstra tanpa penjelasan."


@pytest.fixture
def diajukan(personas):
    pk = PerjanjianFactory(
        satker=personas.satker_a, jenis="KPU", status=S.DIAJUKAN, pihak_pertama_nama="Ketua A"
    )
    BarisPKFactory(perjanjian=pk, no="1")
    return pk


def test_returned_corrected_resubmitted_and_signed(client, personas, diajukan):
    client.force_login(personas.ketua_a)
    url = reverse("kinerja:pk_return", args=[diajukan.pk])
    resp = client.post(url, {"alasan": ALASAN})
    assert resp.status_code == 302
    diajukan.refresh_from_db()
    assert diajukan.status == S.DRAFT
    k = PengembalianPK.objects.get()
    assert (k.alasan, k.oleh) == (ALASAN, personas.ketua_a)
    client.force_login(personas.sekretaris_a)
    halaman = client.get(reverse("kinerja:pk_detail", args=[diajukan.pk])).content.decode()
    assert ALASAN in halaman and "Perbaiki, lalu ajukan kembali." in halaman
    client.post(reverse("kinerja:pk_submit", args=[diajukan.pk]))
    diajukan.refresh_from_db()
    assert diajukan.status == S.DIAJUKAN
    halaman = client.get(reverse("kinerja:pk_detail", args=[diajukan.pk])).content.decode()
    assert "Perbaiki, lalu ajukan kembali." not in halaman  # settled by the new submission
    assert "Riwayat pengembalian (1)" in halaman
    client.force_login(personas.ketua_a)
    client.post(reverse("kinerja:pk_sign", args=[diajukan.pk]))
    diajukan.refresh_from_db()
    assert diajukan.status == S.DITANDATANGANI


@pytest.mark.parametrize("alasan", ["", "   ", "singkat"])
def test_a_reason_is_required(client, personas, diajukan, alasan):
    client.force_login(personas.ketua_a)
    resp = client.post(reverse("kinerja:pk_return", args=[diajukan.pk]), {"alasan": alasan})
    assert resp.status_code == 200 and resp.context["form"].errors["alasan"]
    diajukan.refresh_from_db()
    assert diajukan.status == S.DIAJUKAN and not PengembalianPK.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("sekretaris_a", 403), ("operator_a", 403), ("reviewer", 403), ("operator_b", 404)],
)
def test_only_the_ketua_returns(client, personas, diajukan, persona, status):
    client.force_login(getattr(personas, persona))
    resp = client.post(reverse("kinerja:pk_return", args=[diajukan.pk]), {"alasan": ALASAN})
    assert resp.status_code == status
    diajukan.refresh_from_db()
    assert diajukan.status == S.DIAJUKAN and not PengembalianPK.objects.exists()


@pytest.mark.parametrize("status", [S.DRAFT, S.DITANDATANGANI])
def test_only_a_submitted_pk_is_returned(client, personas, diajukan, status):
    if status == S.DITANDATANGANI:
        tandatangani(diajukan)
    else:
        PerjanjianKinerja.objects.filter(pk=diajukan.pk).update(status=status)
    client.force_login(personas.ketua_a)
    resp = client.post(reverse("kinerja:pk_return", args=[diajukan.pk]), {"alasan": ALASAN})
    assert "Hanya PK yang diajukan yang dapat dikembalikan." in resp.content.decode()
    assert not PengembalianPK.objects.exists()
