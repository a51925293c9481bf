"""Notifications and reminders (issue 16, parts 2 and 3): who is told what, in the bell and by
e-mail, with the link to the exact page; each person sees only their own; the daily reminder
job follows the one SAKIP calendar and sends nothing twice."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from satker.models import Notifikasi
from tests.factories import BarisPKFactory, PerjanjianFactory
from tests.laporan.conftest import isi_kantor


@pytest.fixture
def email(personas):
    for nama in ("operator_a", "sekretaris_a", "ketua_a", "operator_b"):
        u = getattr(personas, nama)
        u.email = f"{nama}@kpu.example"
        u.save()
    return personas


def _pk_draf(personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2026, pihak_pertama_nama="Ibrahim")
    BarisPKFactory(perjanjian=pk)
    return pk


def test_submitting_tells_the_ketua_and_returning_tells_the_office(
    client, email, personas, django_capture_on_commit_callbacks
):
    pk = _pk_draf(personas)
    client.force_login(personas.sekretaris_a)
    with django_capture_on_commit_callbacks(execute=True):  # mail goes once the change is saved
        client.post(reverse("kinerja:pk_submit", args=[pk.pk]))
    (n,) = Notifikasi.objects.filter(jenis="PK_DIAJUKAN")
    assert n.penerima == personas.ketua_a and n.tautan == reverse("kinerja:pk_detail", args=[pk.pk])
    (surat,) = mail.outbox
    assert surat.to == ["ketua_a@kpu.example"] and "menunggu tanda tangan" in surat.subject
    assert f"http://127.0.0.1:8000{n.tautan}" in surat.body and "Yth." in surat.body

    client.force_login(personas.ketua_a)
    html = client.get(reverse("beranda")).content.decode()
    assert '<span class="jumlah">1</span>' in html  # the bell
    resp = client.get(reverse("satker:notifikasi_buka", args=[n.pk]))
    assert resp["Location"] == n.tautan
    n.refresh_from_db()
    assert n.dibaca is not None
    client.post(
        reverse("kinerja:pk_return", args=[pk.pk]), {"alasan": "Target baris 1 belum sesuai RKT."}
    )
    kembali = Notifikasi.objects.filter(jenis="DIKEMBALIKAN")
    assert {x.penerima for x in kembali} == {personas.sekretaris_a, personas.operator_a}
    assert all("Target baris 1 belum sesuai RKT." in x.judul for x in kembali)
    assert personas.operator_b not in {x.penerima for x in Notifikasi.objects.all()}


def test_each_person_sees_only_their_own_and_can_turn_email_off(
    client, email, personas, django_capture_on_commit_callbacks
):
    pk = _pk_draf(personas)
    client.force_login(personas.ketua_a)
    client.post(reverse("satker:notifikasi_email"), {"email": ["FINAL", "DIKEMBALIKAN"]})
    client.force_login(personas.sekretaris_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("kinerja:pk_submit", args=[pk.pk]))
    n = Notifikasi.objects.get(penerima=personas.ketua_a)
    assert mail.outbox == [] and not n.email_terkirim  # in the bell, not by e-mail
    client.force_login(personas.operator_b)
    assert client.get(reverse("satker:notifikasi_buka", args=[n.pk])).status_code == 404
    assert n.judul not in client.get(reverse("satker:notifikasi")).content.decode()
    client.force_login(personas.ketua_a)
    client.post(reverse("satker:notifikasi_dibaca"))
    assert not Notifikasi.objects.filter(dibaca__isnull=True).exists()


def _kirim(tanggal: str) -> str:
    out = io.StringIO()
    call_command("kirim_pengingat", "--tanggal", tanggal, stdout=out)
    return out.getvalue()


def test_reminders_before_and_after_a_deadline_are_sent_once(
    email, personas, django_capture_on_commit_callbacks
):
    isi_kantor(personas.satker_a)  # 2024: TW I has no realisasi; deadline 10 April
    with django_capture_on_commit_callbacks(execute=True):
        keluaran = _kirim("2024-04-03")
    surat = [m for m in mail.outbox if "Realisasi Triwulan I 2024" in m.subject]
    assert {m.to[0] for m in surat} == {"operator_a@kpu.example", "sekretaris_a@kpu.example"}
    assert "/satker/1672/realisasi/2024/TW1/" in surat[0].body
    tw1 = Notifikasi.objects.filter(kunci__contains=":realisasi:2024:TW1:H-7")
    assert {n.penerima for n in tw1} == {personas.operator_a, personas.sekretaris_a}
    assert "Realisasi Triwulan I 2024" in keluaran and "7 hari lagi" in keluaran
    assert "- operator_a + e-mail: KPU Kota Pagar Alam: Realisasi Triwulan I 2024" in keluaran
    sebelum = Notifikasi.objects.count()
    assert _kirim("2024-04-03").endswith("0 pengingat dikirim untuk 2024-04-03.\n")
    assert Notifikasi.objects.count() == sebelum

    _kirim("2024-04-11")
    _kirim("2024-04-12")  # the same week after the deadline: nothing new
    terlambat = Notifikasi.objects.filter(jenis="TERLAMBAT", kunci__contains="realisasi:2024:TW1")
    assert terlambat.count() == 2 and "sudah lewat 1 hari" in terlambat.first().judul
    _kirim("2024-04-18")  # a week later: once more
    assert terlambat.count() == 4


def test_a_bad_date_is_refused_in_indonesian(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Tanggal tidak dikenal"):
        _kirim("3 April")


def test_every_event_mails_the_right_people_with_the_link(
    client, email, personas, django_capture_on_commit_callbacks, settings, tmp_path
):
    """Django's locmem mailbox: who gets which mail, its subject, and the link in it."""
    from laporan.models import KomentarReviu
    from laporan.pemeriksaan import periksa
    from laporan.selectors import build_laporan

    settings.MEDIA_ROOT = tmp_path
    for u in (personas.reviewer,):
        u.email = "reviewer@kpu.example"
        u.save()
    isi_kantor(personas.satker_a)
    pk = _pk_draf(personas)

    def langkah(persona, url, data=None):
        client.force_login(getattr(personas, persona))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, data or {})
        return {(m.to[0], m.subject) for m in mail.outbox}, [m.body for m in mail.outbox]

    def link(body, tautan):
        assert f"{settings.SITUS_URL}{tautan}" in body

    detail = reverse("kinerja:pk_detail", args=[pk.pk])
    kepada, isi = langkah("sekretaris_a", reverse("kinerja:pk_submit", args=[pk.pk]))
    assert {to for to, _ in kepada} == {"ketua_a@kpu.example"}
    link(isi[0], detail)
    kepada, isi = langkah(
        "ketua_a", reverse("kinerja:pk_return", args=[pk.pk]), {"alasan": "Target belum sesuai."}
    )
    assert {to for to, _ in kepada} == {"sekretaris_a@kpu.example", "operator_a@kpu.example"}
    assert all("dikembalikan untuk diperbaiki" in s for _, s in kepada)
    langkah("sekretaris_a", reverse("kinerja:pk_submit", args=[pk.pk]))
    kepada, isi = langkah("ketua_a", reverse("kinerja:pk_sign", args=[pk.pk]))
    assert {to for to, _ in kepada} == {"sekretaris_a@kpu.example", "operator_a@kpu.example"}
    assert all("sudah ditandatangani" in s for _, s in kepada)

    pemeriksaan = reverse("laporan:pemeriksaan", args=["1672", 2024])
    kepada, isi = langkah(
        "reviewer",
        reverse("laporan:komentar_tambah", args=["1672", 2024]),
        {"acuan": "umum", "teks": "Lengkapi analisis efisiensi."},
    )
    k = KomentarReviu.objects.get()
    assert {to for to, _ in kepada} == {
        "operator_a@kpu.example",
        "sekretaris_a@kpu.example",
        "ketua_a@kpu.example",
    }
    link(isi[0], f"{pemeriksaan}#komentar-{k.pk}")
    kepada, isi = langkah(
        "operator_a",
        reverse("laporan:komentar_jawab", args=[k.pk]),
        {"jenis": "DIPERBAIKI", "jawaban": "Analisis efisiensi ditambahkan."},
    )
    assert kepada == {
        (
            "reviewer@kpu.example",
            "[SAKIP KPU] KPU Kota Pagar Alam menjawab komentar Anda pada Laporan secara umum",
        )
    }
    for t in periksa(build_laporan(personas.satker_a, 2024)):
        client.post(
            reverse("laporan:justifikasi", args=["1672", 2024]),
            {"kunci": t.kunci, "teks": "Data belum tersedia."},
        )
    kepada, isi = langkah("ketua_a", reverse("laporan:finalkan", args=["1672", 2024]))
    assert {to for to, _ in kepada} == {
        "operator_a@kpu.example",
        "sekretaris_a@kpu.example",
        "ketua_a@kpu.example",
        "reviewer@kpu.example",
    }
    assert all("sudah final" in s for _, s in kepada)
    link(isi[0], reverse("laporan:pratinjau", args=["1672", 2024]))
