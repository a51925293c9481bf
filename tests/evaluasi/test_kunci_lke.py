"""A final LKE is locked like a signed PK (issue 18): services, the ORM, raw SQL and the admin
all refuse to change it; only a recommendation's follow-up stays open."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from evaluasi import services
from evaluasi.kunci import PESAN_FINAL
from evaluasi.models import Evaluasi, Jawaban, Rekomendasi

pytestmark = pytest.mark.django_db


def _potret(ev: Evaluasi) -> tuple:
    ev = Evaluasi.objects.get(pk=ev.pk)
    return (
        ev.status,
        ev.nilai_akhir,
        ev.predikat_akhir,
        sorted(ev.jawaban.values_list("kriteria__kode", "mandiri", "evaluator")),
        sorted(ev.rekomendasi.values_list("uraian", flat=True)),
    )


def test_services_refuse_a_final_lke(personas, lke_final):
    awal = _potret(lke_final)
    j = lke_final.jawaban.first()
    with pytest.raises(ValidationError, match="selama LKE masih draf"):
        services.jawaban_mandiri_save(jawaban=j, data={"mandiri": "T"}, by=personas.operator_a)
    with pytest.raises(ValidationError, match="sudah diajukan"):
        services.ajukan(evaluasi=lke_final, by=personas.sekretaris_a)
    with pytest.raises(ValidationError):
        services.jawaban_evaluator_save(jawaban=j, data={"evaluator": "T"}, by=personas.reviewer)
    with pytest.raises(ValidationError):
        services.rekomendasi_save(
            evaluasi=lke_final, rekomendasi=None, data={"uraian": "x"}, by=personas.reviewer
        )
    assert _potret(lke_final) == awal


@pytest.mark.parametrize("aksi", ["save", "delete", "update", "queryset_delete"])
def test_the_orm_refuses_every_locked_row(lke_final, aksi):
    objek = [lke_final, lke_final.jawaban.first(), lke_final.rekomendasi.first()]
    awal = _potret(lke_final)
    for obj in objek:
        qs = type(obj).objects.filter(pk=obj.pk)
        with pytest.raises(ValidationError, match=PESAN_FINAL[:30]):
            if aksi == "save":
                obj.save()
            elif aksi == "delete":
                obj.delete()
            elif aksi == "update":
                qs.update(pk=obj.pk)
            else:
                qs.delete()
    with pytest.raises(ValidationError, match=PESAN_FINAL[:30]):
        Jawaban.objects.create(evaluasi=lke_final, kriteria=lke_final.jawaban.first().kriteria)
    assert _potret(lke_final) == awal


def test_the_follow_up_stays_open_on_a_final_lke(lke_final):
    r = lke_final.rekomendasi.first()
    Rekomendasi.objects.filter(pk=r.pk).update(tindak_lanjut="Sudah.", status="DITINDAKLANJUTI")
    r.refresh_from_db()
    assert r.status == "DITINDAKLANJUTI"


def _sql(sql: str, params) -> None:
    with transaction.atomic(), connection.cursor() as c:
        c.execute(sql, params)


def test_raw_sql_is_refused_by_the_database(lke_final):
    ev = lke_final
    j, r = ev.jawaban.first(), ev.rekomendasi.first()
    awal = _potret(ev)
    for sql, params in [
        ("UPDATE evaluasi_evaluasi SET predikat_akhir = 'AA' WHERE id = %s", [ev.pk]),
        ("UPDATE evaluasi_evaluasi SET status = 'DRAF' WHERE id = %s", [ev.pk]),
        ("DELETE FROM evaluasi_evaluasi WHERE id = %s", [ev.pk]),
        ("UPDATE evaluasi_jawaban SET evaluator = 'T' WHERE id = %s", [j.pk]),
        ("DELETE FROM evaluasi_jawaban WHERE id = %s", [j.pk]),
        ("UPDATE evaluasi_rekomendasi SET uraian = 'x' WHERE id = %s", [r.pk]),
        ("DELETE FROM evaluasi_rekomendasi WHERE id = %s", [r.pk]),
    ]:
        with pytest.raises(IntegrityError) as e:
            _sql(sql, params)
        assert "terkunci" in str(e.value), sql
    _sql("UPDATE evaluasi_rekomendasi SET tindak_lanjut = 'ok' WHERE id = %s", [r.pk])
    assert _potret(ev) == awal


def test_the_admin_shows_but_never_changes_an_evaluation(personas, lke_final):
    c = Client()
    c.force_login(personas.admin)
    ev = lke_final
    url = reverse("admin:evaluasi_evaluasi_change", args=[ev.pk])
    halaman = c.get(url)
    assert halaman.status_code == 200 and 'name="_save"' not in halaman.content.decode()
    assert c.post(url, {}).status_code == 403
    hapus = reverse("admin:evaluasi_evaluasi_delete", args=[ev.pk])
    assert c.post(hapus, {"post": "yes"}).status_code == 403
    asal = ev.history.earliest("history_date")
    resp = c.post(
        reverse("admin:evaluasi_evaluasi_simple_history", args=[ev.pk, asal.pk]), {}, follow=True
    )
    assert "Riwayat tidak dapat dipulihkan" in resp.content.decode()
    assert Evaluasi.objects.get(pk=ev.pk).status == "FINAL"
