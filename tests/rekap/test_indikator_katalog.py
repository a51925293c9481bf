"""The per-indicator rekap compares by catalogue code: a participation indicator lists every
demo office that has it, whatever each office's PK wording."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse


@pytest.fixture
def demo(demo_modul, db):
    return demo_modul


@pytest.mark.parametrize("tahun", [2025, 2026])
def test_participation_lists_every_demo_office_nationally(demo, client, tahun):
    client.force_login(User.objects.get(username="admin"))
    r = client.get(reverse("rekap:indikator_nasional"), {"tahun": tahun, "indikator": "ik:IK4.4"})
    assert r.status_code == 200
    satker = [b.satker.nama for b, _ in r.context["baris"] if b.pengukuran]
    assert sorted(satker) == [
        "KPU Kabupaten Ogan Komering Ilir",
        "KPU Kota Pagar Alam",
        "KPU Kota Pematangsiantar",
    ]
    assert all(b.peringkat for b, _ in r.context["baris"] if b.pengukuran)
    capaian = [b.pengukuran.capaian.nilai for b, _ in r.context["baris"] if b.pengukuran]
    rata = r.context["ringkasan"].rata_rata
    assert rata == round(sum(capaian) / 3, 2)
    assert (
        f"Capaian rata-rata nasional: <strong>{str(rata).replace('.', ',')}%" in r.content.decode()
    )
    pilihan = {p.kode: p.jumlah_satker for p in r.context["pilihan"]}
    assert pilihan["IK4.4"] == pilihan["IK4.2"] == 3


def test_the_province_lists_its_own_offices(demo, client):
    client.force_login(User.objects.get(username="reviewer.sumsel"))
    r = client.get(
        reverse("rekap:indikator", args=["16"]), {"tahun": 2025, "indikator": "ik:IK4.2"}
    )
    satker = {b.satker.nama for b, _ in r.context["baris"] if b.pengukuran}
    assert satker == {"KPU Kabupaten Ogan Komering Ilir", "KPU Kota Pagar Alam"}
    assert "IK4.2 · Persentase Partisipasi Pemilih Perempuan" in r.content.decode()


def test_only_kpu_ri_sees_the_national_ranking_a_reviewer_gets_its_province(demo, client):
    client.force_login(User.objects.get(username="reviewer.sumsel"))
    r = client.get(reverse("rekap:indikator_nasional"), {"indikator": "ik:IK4.4"})
    assert r.status_code == 302 and r["Location"].startswith("/rekap/provinsi/16/indikator/")
    client.force_login(User.objects.get(username="operator.oki"))
    assert client.get(reverse("rekap:indikator_nasional")).status_code == 404
