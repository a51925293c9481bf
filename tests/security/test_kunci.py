"""Locks that hold below every channel (issue 12): a signed PK with its rows, quarterly targets
and budget, and a final LKjIP version with its PDF, SHA-256 and justifications, refuse every
write: the Django admin (change, add, delete, bulk delete, history revert), `Model.save()` and
`delete()`, `QuerySet.update()` and `delete()`, and raw SQL (database triggers on SQLite and
PostgreSQL). Only a trusted whole-database operation (`kunci_dilepas`) passes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from common.admin import terkunci
from common.kunci import TABEL_PENGECUALIAN, kunci_dilepas
from kinerja import services
from kinerja.kunci import PESAN_PK
from kinerja.models import AnggaranPK, BarisPK, PerjanjianKinerja, TargetTriwulan
from laporan import services as laporan_services
from laporan.kunci import PESAN_FINAL
from laporan.models import JustifikasiPemeriksaan, LaporanKinerja
from laporan.pemeriksaan import periksa
from laporan.selectors import build_laporan
from tests.laporan.conftest import isi_kantor

TAHUN = 2024


@pytest.fixture
def kantor(personas, settings, tmp_path):
    """Satker A 2024: the KPU PK signed through the workflow (with a quarterly target), the
    Sekretariat PK a draft."""
    settings.MEDIA_ROOT = tmp_path / "media"
    k = isi_kantor(personas.satker_a)
    TargetTriwulan.objects.get_or_create(
        baris=k.pk_kpu.baris.get(no="1"), periode="TW1", defaults={"teks": "20%"}
    )
    services.perjanjian_submit(perjanjian=k.pk_kpu, by=personas.sekretaris_a)
    services.perjanjian_sign(perjanjian=k.pk_kpu, by=personas.ketua_a)
    k.pk_kpu.refresh_from_db()
    assert k.pk_kpu.terkunci
    return k


@pytest.fixture
def final(kantor, personas):
    """The LKjIP 2024 of satker A finalised through the service (PDF rendered, SHA-256 kept)."""
    satker = personas.satker_a
    for t in periksa(build_laporan(satker, TAHUN)):
        laporan_services.justifikasi_save(
            satker=satker, tahun=TAHUN, kunci=t.kunci, teks="Data belum ada.", oleh=None
        )
    return laporan_services.laporan_finalise(satker=satker, tahun=TAHUN, oleh=personas.ketua_a)


def _potret_pk(pk: PerjanjianKinerja) -> tuple:
    pk = PerjanjianKinerja.objects.get(pk=pk.pk)
    return (
        pk.status,
        pk.pihak_pertama_nama,
        sorted(pk.baris.values_list("no", "target", "indikator")),
        sorted(TargetTriwulan.objects.filter(baris__perjanjian=pk).values_list("periode", "teks")),
        sorted(pk.anggaran.values_list("program", "jumlah")),
    )


def _potret_final(lap: LaporanKinerja) -> tuple:
    lap = LaporanKinerja.objects.get(pk=lap.pk)
    isi = Path(lap.pdf.path).read_bytes()
    justifikasi = sorted(lap.justifikasi.values_list("kunci", "teks"))
    return lap.status, lap.versi, lap.sha256, hashlib.sha256(isi).hexdigest(), justifikasi


def _terkunci_semua(kantor, final=None) -> list:
    """One locked row of every locked model."""
    pk = kantor.pk_kpu
    baris = pk.baris.get(no="1")
    objek = [pk, baris, baris.target_triwulan.first(), pk.anggaran.first()]
    if final is not None:
        objek += [final, final.justifikasi.first()]
    return objek


# ---------------------------------------------------------------- the failures of issue 12


def _admin(personas) -> Client:
    c = Client()
    c.force_login(personas.admin)
    return c


def test_admin_cannot_move_a_draft_row_into_a_signed_pk(kantor, personas):
    awal = _potret_pk(kantor.pk_kpu)
    draf = kantor.pk_sekretariat.baris.first()
    url = reverse("admin:kinerja_barispk_change", args=[draf.pk])
    data = {
        "perjanjian": kantor.pk_kpu.pk,
        "no": "77",
        "urutan": 9,
        "sasaran": "S",
        "indikator": "Dipindah",
        "satuan": "%",
        "jenis_nilai": "PERSEN",
        "arah": "naik",
        "agregasi": "terakhir",
        "target": "10%",
        **_inline_kosong("target_triwulan"),
        **_inline_kosong("realisasi"),
    }
    resp = _admin(personas).post(url, data)
    assert resp.status_code == 200
    assert PESAN_PK in resp.content.decode()
    assert BarisPK.objects.get(pk=draf.pk).perjanjian_id == kantor.pk_sekretariat.pk
    assert _potret_pk(kantor.pk_kpu) == awal


def test_admin_cannot_add_a_row_to_a_signed_pk(kantor, personas):
    awal = _potret_pk(kantor.pk_kpu)
    data = {
        "perjanjian": kantor.pk_kpu.pk,
        "no": "78",
        "urutan": 9,
        "sasaran": "S",
        "indikator": "Ditambah",
        "satuan": "%",
        "jenis_nilai": "PERSEN",
        "arah": "naik",
        "agregasi": "terakhir",
        "target": "10%",
        **_inline_kosong("target_triwulan"),
        **_inline_kosong("realisasi"),
    }
    resp = _admin(personas).post(reverse("admin:kinerja_barispk_add"), data)
    assert resp.status_code == 200 and PESAN_PK in resp.content.decode()
    assert _potret_pk(kantor.pk_kpu) == awal


def _inline_kosong(prefix: str) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _riwayat_pertama(obj):
    return obj.history.order_by("history_date").first()


def test_admin_history_revert_of_a_signed_pk_is_refused(kantor, personas):
    pk = kantor.pk_kpu
    awal = _potret_pk(pk)
    draf = _riwayat_pertama(pk)
    assert draf.status == "DRAFT"
    url = reverse("admin:kinerja_perjanjiankinerja_simple_history", args=[pk.pk, draf.pk])
    c = _admin(personas)
    resp = c.post(url, {"pihak_pertama_nama": pk.pihak_pertama_nama}, follow=True)
    assert "Riwayat tidak dapat dipulihkan" in resp.content.decode()
    assert _potret_pk(pk) == awal
    api = APIClient()
    api.force_authenticate(personas.operator_a)
    resp = api.patch(f"/api/v1/perjanjian/{pk.pk}/", {"tempat": "X"}, format="json")
    assert resp.status_code == 400


def test_admin_history_revert_of_a_final_lkjip_is_refused(final, personas):
    awal = _potret_final(final)
    draf = _riwayat_pertama(final)
    assert draf.status == "DRAFT"
    url = reverse("admin:laporan_laporankinerja_simple_history", args=[final.pk, draf.pk])
    resp = _admin(personas).post(url, {}, follow=True)
    assert "Riwayat tidak dapat dipulihkan" in resp.content.decode()
    assert _potret_final(final) == awal
    c = Client()
    c.force_login(personas.reviewer)
    kode = personas.satker_a.kode
    pdf = c.get(reverse("laporan:versi_pdf", args=[kode, TAHUN, final.versi]))
    assert hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest() == final.sha256
    assert c.get(reverse("laporan:final_pdf", args=[kode, TAHUN])).status_code == 200


def test_admin_cannot_delete_a_final_lkjip(final, personas):
    awal = _potret_final(final)
    c = _admin(personas)
    hapus = reverse("admin:laporan_laporankinerja_delete", args=[final.pk])
    assert c.post(hapus, {"post": "yes"}).status_code == 403
    daftar = reverse("admin:laporan_laporankinerja_changelist")
    resp = c.post(
        daftar,
        {"action": "delete_selected", "_selected_action": [final.pk], "post": "yes"},
    )
    assert resp.status_code == 403
    assert _potret_final(final) == awal


# ---------------------------------------------------------------- every admin model


# Models of the admin that no signature or finalising locks, each with the reason.
TIDAK_TERKUNCI = {
    "Renstra": "the national plan, maintained by KPU RI",
    "SasaranStrategis": "part of the Renstra",
    "IndikatorKinerja": "part of the Renstra",
    "SkalaKategori": "policy data",
    "KebijakanCapaian": "policy data",
    "Realisasi": "entered after signing, quarter by quarter (closed quarters lock it)",
    "PenutupanPeriode": "the lock of a quarter itself",
    "Program": "national master data",
    "Kegiatan": "national master data",
    "Dipa": "budget, revised during the year",
    "BarisAnggaran": "budget, revised during the year",
    "TautanAnggaran": "classifies a PK row (may change after signing); a final LKjIP keeps its PDF",
    "OutputRO": "budget outputs, reported month by month",
    "RevisiBaris": "budget, revised during the year",
    "NarasiLaporan": "the draft's narrative; a final version keeps its own PDF",
    "Satker": "office profile",
    "Pejabat": "officials change over the years",
    "Peran": "user roles",
    "User": "accounts",
    "Group": "accounts",
    "Token": "API tokens",
    "TokenProxy": "API tokens",
    "DBTaskResult": "background task records",
    "AccessAttempt": "login throttling records",
    "AccessFailureLog": "login throttling records",
    "AccessLog": "login throttling records",
    "Instrumen": "the LKE instrument: policy data maintained by KPU RI",
    "Komponen": "part of the LKE instrument",
    "SubKomponen": "part of the LKE instrument",
    "KebijakanEvaluasi": "policy data: who evaluates a year's LKE",
    "KomentarReviu": "review trail: read-only in the admin, written through laporan.services",
    "ReviuAPIP": "review trail: read-only in the admin, written through laporan.services",
}


def test_the_review_trail_is_read_only_in_the_admin(personas):
    """Comments and APIP reviews are changed only through their services (who may answer,
    close or record is checked there); the admin shows them and changes nothing."""
    from laporan.models import KomentarReviu, ReviuAPIP

    minta = RequestFactory().get("/")
    minta.user = personas.admin
    for model in (KomentarReviu, ReviuAPIP):
        ma = admin.site._registry[model]
        assert ma.has_view_permission(minta)
        assert not ma.has_add_permission(minta)
        assert not ma.has_change_permission(minta)
        assert not ma.has_delete_permission(minta)


def test_every_admin_model_is_locked_or_says_why_not():
    terdaftar = {m.__name__ for m in admin.site._registry}
    dikunci = {m.__name__ for m in admin.site._registry if hasattr(m, "KUNCI")}
    assert dikunci == {
        "PerjanjianKinerja",
        "BarisPK",
        "LaporanKinerja",
        "Evaluasi",  # tests/evaluasi/test_kunci_lke.py
        "Rekomendasi",
    }
    assert terdaftar - dikunci <= set(TIDAK_TERKUNCI), terdaftar - dikunci - set(TIDAK_TERKUNCI)


def test_the_admin_refuses_every_locked_row(kantor, final, personas):
    """Change, delete and revert for every registered admin whose model is locked; add for
    every inline of a locked parent."""
    c = _admin(personas)
    for obj in _terkunci_semua(kantor, final):
        model = type(obj)
        if model not in admin.site._registry:
            continue
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        halaman = c.get(reverse(f"{info}_change", args=[obj.pk])).content.decode()
        assert 'name="_save"' not in halaman, model
        assert c.post(reverse(f"{info}_change", args=[obj.pk]), {}).status_code == 403, model
        assert c.post(reverse(f"{info}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
        asal = _riwayat_pertama(obj)
        resp = c.post(reverse(f"{info}_simple_history", args=[obj.pk, asal.pk]), {}, follow=True)
        assert "Riwayat tidak dapat dipulihkan" in resp.content.decode(), model
        minta = RequestFactory().get("/")
        minta.user = personas.admin
        for inline in admin.site._registry[model].get_inline_instances(minta):
            if hasattr(inline.model, "KUNCI"):
                assert not inline.has_add_permission(minta, obj), (model, inline.model)
    assert all(terkunci(o) for o in _terkunci_semua(kantor, final))


# ---------------------------------------------------------------- below the admin


@pytest.mark.parametrize("aksi", ["save", "delete", "update", "queryset_delete"])
def test_the_orm_refuses_every_locked_row(kantor, final, aksi):
    for obj in _terkunci_semua(kantor, final):
        qs = type(obj).objects.filter(pk=obj.pk)
        pesan = (
            PESAN_FINAL if isinstance(obj, LaporanKinerja | JustifikasiPemeriksaan) else PESAN_PK
        )
        with pytest.raises(ValidationError, match=pesan[:30]):
            if aksi == "save":
                obj.save()
            elif aksi == "delete":
                obj.delete()
            elif aksi == "update":
                qs.update(pk=obj.pk)
            else:
                qs.delete()
        assert qs.exists()


def _sql(sql: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as c:
        c.execute(sql, params)


def test_raw_sql_is_refused_by_the_database(kantor, final):
    pk, baris = kantor.pk_kpu, kantor.pk_kpu.baris.get(no="1")
    draf = kantor.pk_sekretariat.baris.first()
    percobaan = [
        ("UPDATE kinerja_perjanjiankinerja SET status = 'DRAFT' WHERE id = %s", [pk.pk]),
        ("DELETE FROM kinerja_perjanjiankinerja WHERE id = %s", [pk.pk]),
        ("UPDATE kinerja_barispk SET target = '1%%' WHERE id = %s", [baris.pk]),
        ("DELETE FROM kinerja_barispk WHERE id = %s", [baris.pk]),
        ("UPDATE kinerja_barispk SET perjanjian_id = %s WHERE id = %s", [pk.pk, draf.pk]),
        ("UPDATE kinerja_targettriwulan SET teks = '1%%' WHERE baris_id = %s", [baris.pk]),
        ("DELETE FROM kinerja_targettriwulan WHERE baris_id = %s", [baris.pk]),
        ("UPDATE kinerja_anggaranpk SET jumlah = 1 WHERE perjanjian_id = %s", [pk.pk]),
        ("DELETE FROM kinerja_anggaranpk WHERE perjanjian_id = %s", [pk.pk]),
        ("UPDATE laporan_laporankinerja SET status = 'DRAFT' WHERE id = %s", [final.pk]),
        ("UPDATE laporan_laporankinerja SET sha256 = 'x' WHERE id = %s", [final.pk]),
        ("DELETE FROM laporan_laporankinerja WHERE id = %s", [final.pk]),
        ("DELETE FROM laporan_justifikasipemeriksaan WHERE laporan_id = %s", [final.pk]),
    ]
    awal_pk, awal_final = _potret_pk(pk), _potret_final(final)
    for sql, params in percobaan:
        with pytest.raises(IntegrityError) as e:
            _sql(sql, params)
        assert "terkunci" in str(e.value), sql
    pasang = [
        (
            "INSERT INTO kinerja_anggaranpk (perjanjian_id, program, jumlah, urutan) "
            "VALUES (%s, 'Baru', 1, 9)",
            [pk.pk],
        ),
        (
            "INSERT INTO laporan_justifikasipemeriksaan (laporan_id, kunci, teks, pada) "
            "VALUES (%s, 'baru', 'x', CURRENT_TIMESTAMP)",
            [final.pk],
        ),
    ]
    for sql, params in pasang:
        with pytest.raises(IntegrityError):
            _sql(sql, params)
    assert _potret_pk(pk) == awal_pk and _potret_final(final) == awal_final


def test_a_draft_stays_writable_and_signing_is_allowed(kantor, personas):
    draf = kantor.pk_sekretariat
    baris = draf.baris.first()
    BarisPK.objects.filter(pk=baris.pk).update(target="55%")
    AnggaranPK.objects.create(perjanjian=draf, program="076.01.CQ", jumlah=5)
    services.perjanjian_submit(perjanjian=draf, by=personas.sekretaris_a)
    services.perjanjian_sign(perjanjian=draf, by=personas.ketua_a)
    with pytest.raises(ValidationError):
        BarisPK.objects.filter(pk=baris.pk).update(target="56%")


def test_only_a_trusted_whole_database_operation_passes_and_the_lock_returns(kantor):
    pk = kantor.pk_kpu
    with kunci_dilepas("uji"):
        BarisPK.objects.filter(perjanjian=pk, no="1").update(target="70%")
    with connection.cursor() as c:
        c.execute(f"SELECT COUNT(*) FROM {TABEL_PENGECUALIAN}")
        assert c.fetchone()[0] == 0
    with pytest.raises(ValidationError):
        BarisPK.objects.filter(perjanjian=pk, no="1").update(target="71%")
    with pytest.raises(IntegrityError):
        _sql("UPDATE kinerja_barispk SET target = '72%%' WHERE perjanjian_id = %s", [pk.pk])


# ---------------------------------------------------------------- every write route


def _rute_tulis_pk() -> dict[str, str]:
    """Every staff URL that writes a PK, its rows or its budget, by the argument it takes."""
    from django.urls import get_resolver

    hasil = {}
    for p in get_resolver().url_patterns:
        if getattr(p, "namespace", None) != "kinerja":
            continue
        for q in p.url_patterns:
            rute = str(q.pattern)
            baca = "riwayat" in rute or rute.endswith(("/cetak/", ">/"))
            for arg in ("pk_id", "baris_id", "anggaran_id"):
                if f"<int:{arg}>" in rute and rute.startswith("pk/") and not baca:
                    hasil[f"kinerja:{q.name}"] = arg
    return hasil


def test_every_write_route_of_a_signed_pk_changes_nothing(kantor, personas):
    """Each staff route that writes a PK (found from the URL patterns, so a new one is covered),
    posted by the admin with a complete, valid change: the signed PK stays as it was."""
    pk = kantor.pk_kpu
    baris, anggaran = pk.baris.get(no="1"), pk.anggaran.first()
    objek = {"pk_id": pk.pk, "baris_id": baris.pk, "anggaran_id": anggaran.pk}
    isi = {
        "no": "1",
        "sasaran": "Diubah",
        "indikator": "Diubah",
        "satuan": "%",
        "jenis_nilai": "",
        "arah": "naik",
        "agregasi": "terakhir",
        "target": "1%",
        "program": "Diubah",
        "jumlah": "5",
        "pihak_pertama_nama": "Orang Lain",
        "tanggal": "2024-01-20",
    }
    rute = _rute_tulis_pk()
    assert {"kinerja:pk_update", "kinerja:baris_update", "kinerja:anggaran_pk_delete"} <= set(rute)
    awal = _potret_pk(pk)
    c = _admin(personas)
    for nama, arg in sorted(rute.items()):
        if nama == "kinerja:pk_revise":
            continue  # a revision is a new version: the signed one stays (test_services_pk)
        resp = c.post(reverse(nama, args=[objek[arg]]), isi, follow=True)
        assert resp.status_code in (200, 403), nama
        assert _potret_pk(pk) == awal, nama
