"""Property-based tests (hypothesis) of the value parser and the capaian engine.

The parser meets whatever users type: it may refuse a value only with NilaiError (an Indonesian
message for the form), never with another exception, and never returns NaN or Infinity. The
engine never raises and never returns NaN; capaian never falls when realisasi rises for a
higher-is-better indicator, and never rises for a lower-is-better one, with both formulas and
with or without a cap.
"""

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from common.format import angka as angka_id
from kinerja.capaian import (
    SKALA_STANDAR,
    Arah,
    RumusTurun,
    hitung_capaian,
    kategori,
)
from kinerja.nilai import OPINI, PREDIKAT, JenisNilai, Nilai, NilaiError, parse_nilai, parse_rupiah

CEPAT = settings(max_examples=300, deadline=None)

teks_liar = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789.,%-− RpWTPDABC kali\u00a0", max_size=25),
    st.from_regex(r"-?[0-9]{1,16}([.,][0-9]{1,4}){0,4} ?(%|persen|kali|Rp)?", fullmatch=True),
)


def _angka_wajar(nilai: Nilai | None) -> None:
    if nilai is not None and nilai.angka is not None:
        assert nilai.angka.is_finite()
        assert nilai.angka >= 0


@CEPAT
@given(teks_liar, st.sampled_from(["", *JenisNilai.values]))
@example("NaN", "")
@example("Infinity", "")
@example("1e999", "")
@example("9" * 400, "")
@example("1.2.3,4,5", "")
def test_parse_nilai_hanya_menolak_dengan_nilaierror(teks, jenis):
    try:
        nilai = parse_nilai(teks, jenis=jenis)
    except NilaiError as exc:
        assert str(exc)  # a message for the user
        return
    _angka_wajar(nilai)


@CEPAT
@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.integers(),
    )
)
def test_parse_nilai_angka_mentah(x):
    try:
        nilai = parse_nilai(x)
    except NilaiError:
        return
    _angka_wajar(nilai)


@CEPAT
@given(st.one_of(teks_liar, st.integers(), st.floats(), st.decimals()))
@example("Rp 2.880.554.000,-")
@example(float("nan"))
def test_parse_rupiah_hanya_menolak_dengan_nilaierror(teks):
    try:
        hasil = parse_rupiah(teks)
    except NilaiError:
        return
    assert hasil is None or (isinstance(hasil, int) and hasil >= 0)


@CEPAT
@given(st.decimals(min_value=0, max_value=Decimal("1e14") - 1, places=2))
def test_angka_yang_dicetak_terbaca_kembali(x):
    """A number printed the Indonesian way (1.234.567,89) reads back as the same number."""
    teks = angka_id(x, 2)
    assert parse_nilai(teks).angka == x
    assert parse_nilai(f"{teks}%").angka == x


@CEPAT
@given(st.integers(min_value=0, max_value=10**14))
def test_rupiah_yang_dicetak_terbaca_kembali(x):
    teks = f"Rp {x:,}".replace(",", ".")
    assert parse_rupiah(teks) == x


angka_positif = st.decimals(min_value=0, max_value=Decimal("1e9"), places=4)
target_positif = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=4)
batas = st.one_of(st.none(), st.sampled_from([Decimal(100), Decimal(120)]))
rumus = st.sampled_from(RumusTurun.values)


def _angka(x: Decimal) -> Nilai:
    return Nilai(JenisNilai.ANGKA, x)


def _aman(c) -> None:
    if c.nilai is not None:
        assert c.nilai.is_finite()
        assert c.nilai >= 0


@CEPAT
@given(
    st.one_of(st.none(), angka_positif.map(_angka)),
    st.one_of(st.none(), angka_positif.map(_angka)),
    st.sampled_from(Arah.values),
    rumus,
    batas,
)
def test_capaian_tidak_pernah_error_atau_nan(target, realisasi, arah, rumus_turun, batas_atas):
    c = hitung_capaian(target, realisasi, arah=arah, rumus_turun=rumus_turun, batas_atas=batas_atas)
    _aman(c)
    if c.nilai is None:
        assert c.keterangan
    if batas_atas is not None and c.nilai is not None:
        assert c.nilai <= batas_atas
    assert kategori(c, SKALA_STANDAR) is not None


@CEPAT
@given(target_positif, angka_positif, angka_positif, rumus, batas)
def test_capaian_naik_tidak_turun_bila_realisasi_naik(t, r1, r2, rumus_turun, batas_atas):
    kecil, besar = sorted((r1, r2))
    a = hitung_capaian(_angka(t), _angka(kecil), arah=Arah.NAIK, batas_atas=batas_atas)
    b = hitung_capaian(_angka(t), _angka(besar), arah=Arah.NAIK, batas_atas=batas_atas)
    assert a.nilai is not None and b.nilai is not None
    assert a.nilai <= b.nilai


@CEPAT
@given(target_positif, angka_positif, angka_positif, rumus, batas)
def test_capaian_turun_tidak_naik_bila_realisasi_naik(t, r1, r2, rumus_turun, batas_atas):
    kecil, besar = sorted((r1, r2))
    kw = {"arah": Arah.TURUN, "rumus_turun": rumus_turun, "batas_atas": batas_atas}
    a = hitung_capaian(_angka(t), _angka(kecil), **kw)
    b = hitung_capaian(_angka(t), _angka(besar), **kw)
    if a.nilai is None or b.nilai is None:
        # Only the target/realisasi formula has no number, and only for realisasi 0.
        assert rumus_turun == RumusTurun.RASIO and kecil == 0
        return
    assert a.nilai >= b.nilai


@CEPAT
@given(
    st.sampled_from([(JenisNilai.PREDIKAT, PREDIKAT), (JenisNilai.OPINI, OPINI)]),
    st.data(),
    batas,
)
def test_capaian_predikat_dan_opini_monoton(skala, data, batas_atas):
    jenis, urutan = skala
    t = data.draw(st.sampled_from(urutan))
    r1, r2 = sorted(
        data.draw(st.lists(st.sampled_from(urutan), min_size=2, max_size=2)), key=urutan.index
    )
    nilai = [
        hitung_capaian(Nilai(jenis, kode=t), Nilai(jenis, kode=r), batas_atas=batas_atas)
        for r in (r1, r2)
    ]
    for c in nilai:
        _aman(c)
        assert c.nilai <= 100
    assert nilai[0].nilai <= nilai[1].nilai
    assert nilai[1].nilai == 100 or urutan.index(r2) < urutan.index(t)
