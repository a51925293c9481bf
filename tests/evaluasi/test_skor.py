"""The LKE scores (issue 18): hand-computed examples, one per grade band, and every band edge."""

from decimal import Decimal as D

import pytest

from evaluasi import bawaan
from evaluasi import skor as s
from evaluasi.models import Instrumen, Kriteria

TABEL = bawaan.NILAI
PITA = bawaan.PREDIKAT


@pytest.mark.parametrize(
    ("total", "predikat"),
    [
        (D("100"), "AA"),
        (D("90.01"), "AA"),
        (D("90"), "A"),  # "AA: > 90": 90 itself is A
        (D("80.01"), "A"),
        (D("80"), "BB"),
        (D("70.01"), "BB"),
        (D("70"), "B"),
        (D("60.01"), "B"),
        (D("60"), "CC"),
        (D("50.01"), "CC"),
        (D("50"), "C"),
        (D("30.01"), "C"),
        (D("30"), "D"),
        (D("0"), "D"),
    ],
)
def test_predikat_di_setiap_batas(total, predikat):
    assert s.predikat(total, PITA) == predikat


def test_nilai_jawaban():
    assert s.nilai_jawaban("YT", "y", TABEL) == 1
    assert s.nilai_jawaban("AE", " B ", TABEL) == D("0.75")
    assert s.nilai_jawaban("AE", "Y", TABEL) is None  # not on this scale
    assert s.nilai_jawaban("AE", "", TABEL) is None


def test_skor_sub_dengan_kriteria_tanpa_jawaban():
    # 9 × (1 + 0,75 + 0 + unanswered) / 4 = 3,9375 -> 3,94
    assert s.skor_sub(D(9), [D(1), D("0.75"), D(0), None]) == D("3.94")
    assert s.skor_sub(D(6), []) == 0


def _satu_komponen(bobot_sub: list[tuple[str, D, str, int]]) -> list[s.Komponen]:
    subs = tuple(
        s.Sub(kode, kode, bobot, tuple(s.Kriteria(f"{kode}.{i}", "", skala) for i in range(n)))
        for kode, bobot, skala, n in bobot_sub
    )
    return [s.Komponen("1", "Uji", sum((x.bobot for x in subs), D(0)), subs)]


@pytest.mark.parametrize(
    ("jawaban", "total", "predikat"),
    [
        # weights 20 (Y/T, 2 criteria) + 80 (A-E, 2 criteria); totals by hand
        ({"a.0": "Y", "a.1": "Y", "b.0": "A", "b.1": "B"}, D("90"), "A"),  # 20 + 80×0,875
        ({"a.0": "Y", "a.1": "Y", "b.0": "A", "b.1": "A"}, D("100"), "AA"),
        ({"a.0": "Y", "a.1": "T", "b.0": "A", "b.1": "B"}, D("80"), "BB"),  # 10 + 70
        ({"a.0": "Y", "a.1": "T", "b.0": "B", "b.1": "B"}, D("70"), "B"),  # 10 + 60
        ({"a.0": "T", "a.1": "T", "b.0": "A", "b.1": "B"}, D("70"), "B"),  # 0 + 70
        ({"a.0": "Y", "a.1": "T", "b.0": "B", "b.1": "C"}, D("60"), "CC"),  # 10 + 50
        ({"a.0": "Y", "a.1": "Y", "b.0": "C", "b.1": "C"}, D("60"), "CC"),  # 20 + 40
        ({"a.0": "Y", "a.1": "Y", "b.0": "C", "b.1": "D"}, D("50"), "C"),  # 20 + 30
        ({"a.0": "Y", "a.1": "T", "b.0": "D", "b.1": "D"}, D("30"), "D"),  # 10 + 20
        ({"a.0": "T"}, D("0"), "D"),
    ],
)
def test_contoh_hitung_tangan(jawaban, total, predikat):
    struktur = _satu_komponen([("a", D(20), "YT", 2), ("b", D(80), "AE", 2)])
    hasil = s.hitung(struktur, jawaban, TABEL, PITA)
    assert (hasil.total, hasil.predikat) == (total, predikat)
    assert (
        hasil.total
        == sum(k.skor for k in hasil.komponen)
        == sum(x.skor for k in hasil.komponen for x in k.sub)
    )
    assert hasil.jumlah == 4 and hasil.terjawab == len(jawaban)


def _struktur(ins: Instrumen) -> list[s.Komponen]:
    return [
        s.Komponen(
            k.kode,
            k.nama,
            k.bobot,
            tuple(
                s.Sub(
                    x.kode,
                    x.nama,
                    x.bobot,
                    tuple(s.Kriteria(c.kode, c.uraian, c.skala) for c in x.kriteria.all()),
                )
                for x in k.sub.all()
            ),
        )
        for k in ins.komponen.all()
    ]


@pytest.mark.django_db
def test_instrumen_bawaan_terpasang_dan_bobotnya_benar():
    ins = Instrumen.objects.get()  # put in place by migrate (evaluasi/apps.py)
    struktur = _struktur(ins)
    assert s.periksa_struktur(struktur) == []
    assert [(k.kode, k.bobot) for k in struktur] == [
        ("1", 30), ("2", 30), ("3", 15), ("4", 25)
    ]  # fmt: skip
    for k in struktur:  # Pemenuhan 20%, Kualitas 30%, Pemanfaatan 50% of the component
        assert [x.bobot / k.bobot for x in k.sub] == [D("0.2"), D("0.3"), D("0.5")]
    assert Kriteria.objects.filter(sub__kode__endswith=".a").exclude(skala="YT").count() == 0
    semua = {
        c.kode: ("Y" if c.skala == "YT" else "A")
        for k in struktur
        for x in k.sub
        for c in x.kriteria
    }  # noqa: E501
    penuh = s.hitung(struktur, semua, TABEL, PITA)
    assert (penuh.total, penuh.predikat) == (D(100), "AA")
    tabel = {(n.skala, n.jawaban): n.nilai for n in ins.nilai.all()}
    pita = [(p.predikat, p.batas) for p in ins.predikat.all()]
    assert tabel == TABEL and sorted(pita) == sorted(PITA)


def test_struktur_yang_salah_dilaporkan():
    struktur = _satu_komponen([("a", D(20), "YT", 0), ("b", D(70), "AE", 1)])
    galat = s.periksa_struktur(struktur)
    assert "Jumlah bobot komponen 90, seharusnya 100." in galat
    assert "Subkomponen a belum memiliki kriteria." in galat
