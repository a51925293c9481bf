"""An office's LKE from start to final through the pages, as each persona (issue 18)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from evaluasi.models import Evaluasi, Jawaban, Rekomendasi
from evaluasi.selectors import baca_lke
from tests.evaluasi.conftest import TAHUN, jawab_semua, nilai_semua

pytestmark = pytest.mark.django_db


def _klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _url(nama: str, ev=None, **kw) -> str:
    if ev is not None:
        kw = {"kode": ev.satker.kode, "tahun": ev.tahun, **kw}
    return reverse(f"evaluasi:{nama}", kwargs=kw)


def _isian(ev: Evaluasi, komponen_kode: str, jawab: dict[str, str], catatan=None) -> dict:
    data = {}
    for b in baca_lke(ev).baris:
        if b.kriteria.sub.komponen.kode != komponen_kode:
            continue
        p = f"k{b.kriteria.pk}"
        data[f"{p}-mandiri"] = jawab.get(b.kriteria.kode, "")
        data[f"{p}-catatan"] = (catatan or {}).get(b.kriteria.kode, "")
    return data


def test_office_starts_and_answers_a_component(personas):
    op = _klien(personas.operator_a)
    resp = op.post(_url("mulai", kode="1672", tahun=TAHUN))
    ev = Evaluasi.objects.get(satker=personas.satker_a, tahun=TAHUN)
    assert resp.status_code == 302 and ev.status == "DRAF" and ev.tahun_pengumuman == TAHUN + 1
    assert ev.jawaban.count() == 36
    komponen = ev.instrumen.komponen.get(kode="1")
    halaman = op.get(_url("isi", ev, komponen_id=komponen.pk)).content.decode()
    # 1.a.4: no PK of 2024 signed, so the system suggests T and says why
    assert "Usulan sistem: <strong>T</strong>" in halaman
    assert "PK Komisioner (KPU) belum ditandatangani" in halaman

    # Y against the system's T without a note: refused, nothing saved
    jawab = {"1.a.1": "Y", "1.a.4": "Y", "1.b.1": "A"}
    resp = op.post(_url("isi", ev, komponen_id=komponen.pk), _isian(ev, "1", jawab))
    assert resp.status_code == 200
    assert "tulis catatan mengapa jawaban Anda berbeda" in resp.content.decode()
    assert not Jawaban.objects.filter(evaluasi=ev).exclude(mandiri="").exists()

    catatan = {"1.a.4": "PK ditandatangani di atas kertas 15 Januari; unggahan menyusul."}
    resp = op.post(_url("isi", ev, komponen_id=komponen.pk), _isian(ev, "1", jawab, catatan))
    assert resp.status_code == 302
    tersimpan = dict(ev.jawaban.exclude(mandiri="").values_list("kriteria__kode", "mandiri"))
    assert tersimpan == jawab
    # an answer outside the scale is refused, and the component keeps what it had
    resp = op.post(_url("isi", ev, komponen_id=komponen.pk), _isian(ev, "1", {"1.a.1": "A"}))
    assert resp.status_code == 200 and 'class="field-error"' in resp.content.decode()
    assert dict(ev.jawaban.exclude(mandiri="").values_list("kriteria__kode", "mandiri")) == jawab


def test_the_model_refuses_an_answer_outside_the_scale(lke_draf):
    j = lke_draf.jawaban.get(kriteria__kode="1.a.1")
    j.mandiri = "B"
    with pytest.raises(ValidationError, match="tidak dikenal; pilih Y / T"):
        j.full_clean()


@pytest.mark.parametrize("alamat", ["javascript:alert(1)", "//contoh.com/x", "https://x.id/a"])
def test_a_system_document_is_a_page_of_this_site(personas, lke_draf, alamat):
    from evaluasi import services

    j = lke_draf.jawaban.get(kriteria__kode="1.a.1")
    with pytest.raises(ValidationError, match="halaman dalam aplikasi ini"):
        services.jawaban_mandiri_save(
            jawaban=j, data={"mandiri": "Y", "dokumen": alamat}, by=personas.operator_a
        )
    services.jawaban_mandiri_save(
        jawaban=j, data={"mandiri": "Y", "dokumen": "/pk/1/"}, by=personas.operator_a
    )


def test_who_sees_and_who_writes(personas, lke_draf):
    ev = lke_draf
    komponen = ev.instrumen.komponen.get(kode="1")
    assert _klien(personas.operator_b).get(_url("lke", ev)).status_code == 404
    assert _klien(personas.reviewer).get(_url("lke", ev)).status_code == 200
    # the reviewer reads the office's LKE but does not fill its self-assessment
    assert (
        _klien(personas.reviewer).get(_url("isi", ev, komponen_id=komponen.pk)).status_code == 403
    )
    # the operator fills but does not submit: that is the sekretaris's or the ketua's
    assert _klien(personas.operator_a).post(_url("ajukan", ev)).status_code == 403
    # nobody scores a draft
    resp = _klien(personas.reviewer).get(_url("nilai", ev, komponen_id=komponen.pk))
    assert resp.status_code == 302
    assert Client().get(_url("lke", ev)).status_code == 302


def test_submit_needs_every_answer_and_records_the_systems_suggestions(personas, lke_draf):
    ev = lke_draf
    sek = _klien(personas.sekretaris_a)
    resp = sek.post(_url("ajukan", ev), follow=True)
    assert "kriteria belum dijawab" in resp.content.decode()
    assert Evaluasi.objects.get(pk=ev.pk).status == "DRAF"
    jawab_semua(ev, personas.operator_a)
    sek.post(_url("ajukan", ev))
    ev.refresh_from_db()
    assert ev.status == "DIAJUKAN" and ev.diajukan_oleh == personas.sekretaris_a
    pk = Jawaban.objects.get(evaluasi=ev, kriteria__kode="1.a.4")
    assert pk.mandiri == "T" and "belum ditandatangani" in pk.alasan_sistem
    assert not ev.jawaban.filter(mandiri="").exists()
    # the evaluator of the province is told
    assert personas.reviewer.notifikasi.filter(jenis="LKE").exists()


def test_evaluator_scores_recommends_and_finalises(personas, lke_diajukan):
    ev = lke_diajukan
    rev = _klien(personas.reviewer)
    resp = rev.post(_url("finalkan", ev), follow=True)
    assert "Selesaikan evaluasi dahulu" in resp.content.decode()
    resp = rev.post(_url("selesai", ev), {"simpulan": "x"}, follow=True)
    assert "kriteria belum dinilai evaluator" in resp.content.decode()

    nilai_semua(ev, personas.reviewer, ae="A")
    rev.post(_url("rekomendasi_tambah", ev), {"uraian": "Tetapkan pedoman evaluasi internal."})
    rev.post(_url("selesai", ev), {"simpulan": "SAKIP berjalan baik."})
    rev.post(_url("finalkan", ev))
    ev.refresh_from_db()
    # every Y and A: 100,00 AA, sealed
    assert (ev.status, ev.nilai_akhir, ev.predikat_akhir) == ("FINAL", Decimal("100.00"), "AA")
    halaman = _klien(personas.operator_a).get(_url("lke", ev)).content.decode()
    assert "100,00" in halaman and "(AA)" in halaman
    assert "Isi penilaian mandiri" not in halaman and "Nilai komponen" not in halaman


def test_the_office_follows_up_and_the_evaluator_closes(personas, lke_final):
    r = Rekomendasi.objects.get(evaluasi=lke_final)
    op, rev = _klien(personas.operator_a), _klien(personas.reviewer)
    url = reverse("evaluasi:tindak_lanjut", args=[r.pk])
    resp = op.post(url, {"tindak_lanjut": "", "tautan": ""})
    assert resp.status_code == 200 and Rekomendasi.objects.get(pk=r.pk).status == "TERBUKA"
    resp = op.post(url, {"tindak_lanjut": "Pedoman ditetapkan.", "tautan": "javascript:alert(1)"})
    assert resp.status_code == 200 and Rekomendasi.objects.get(pk=r.pk).status == "TERBUKA"
    op.post(url, {"tindak_lanjut": "Pedoman ditetapkan.", "tautan": "https://kpu.go.id/p.pdf"})
    r.refresh_from_db()
    assert r.status == "DITINDAKLANJUTI" and r.tindak_lanjut == "Pedoman ditetapkan."
    tutup = reverse("evaluasi:rekomendasi_tutup", args=[r.pk])
    assert op.post(tutup, {"selesai": "1"}).status_code == 403
    rev.post(tutup, {"selesai": "1"})
    r.refresh_from_db()
    assert r.status == "SELESAI" and r.ditutup_pada is not None
    # closed: no further follow-up
    resp = op.post(url, {"tindak_lanjut": "Lagi.", "tautan": ""})
    assert "sudah selesai" in resp.content.decode()


def test_the_evaluator_can_return_a_submission(personas, lke_diajukan):
    ev = lke_diajukan
    rev = _klien(personas.reviewer)
    resp = rev.post(_url("kembalikan", ev), {"alasan": ""}, follow=True)
    assert "alasan pengembalian" in resp.content.decode()
    rev.post(_url("kembalikan", ev), {"alasan": "Bukti komponen 2 belum diunggah."})
    ev.refresh_from_db()
    assert ev.status == "DRAF"
    assert personas.operator_a.notifikasi.filter(judul__contains="Bukti komponen 2").exists()


def test_the_inspectorate_evaluates_when_the_years_policy_says_so(personas, lke_diajukan):
    from evaluasi.models import KebijakanEvaluasi
    from tests.factories import user_with_role

    KebijakanEvaluasi.objects.create(tahun=TAHUN, evaluator="APIP")
    apip = user_with_role(personas.provinsi.induk or personas.provinsi, "APIP", "apip")
    komponen = lke_diajukan.instrumen.komponen.get(kode="1")
    url = _url("nilai", lke_diajukan, komponen_id=komponen.pk)
    assert _klien(personas.reviewer).get(url).status_code == 403
    assert _klien(apip).get(url).status_code == 200
