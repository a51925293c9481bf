"""An office's LKE at each step of its workflow, walked through the services as people would."""

from __future__ import annotations

import pytest

from evaluasi import services
from evaluasi.models import Evaluasi
from evaluasi.selectors import baca_lke

TAHUN = 2024


def jawab_semua(ev: Evaluasi, oleh, *, ya: str = "Y", ae: str = "B") -> None:
    """The office answers every criterion the system does not suggest."""
    for b in baca_lke(ev).baris:
        if not b.usulan:
            jawab = ya if b.kriteria.skala == "YT" else ae
            services.jawaban_mandiri_save(jawaban=b.jawaban, data={"mandiri": jawab}, by=oleh)


def nilai_semua(ev: Evaluasi, oleh, *, ya: str = "Y", ae: str = "B") -> None:
    for b in baca_lke(ev).baris:
        jawab = ya if b.kriteria.skala == "YT" else ae
        services.jawaban_evaluator_save(jawaban=b.jawaban, data={"evaluator": jawab}, by=oleh)


@pytest.fixture
def lke_draf(personas) -> Evaluasi:
    return services.evaluasi_mulai(satker=personas.satker_a, tahun=TAHUN, by=personas.operator_a)


@pytest.fixture
def lke_diajukan(lke_draf, personas) -> Evaluasi:
    jawab_semua(lke_draf, personas.operator_a)
    return services.ajukan(evaluasi=lke_draf, by=personas.sekretaris_a)


@pytest.fixture
def lke_final(lke_diajukan, personas) -> Evaluasi:
    """All Y and B: 20 + 0,75 x the 80 of the A-E sub-components, each rounded half up first
    (5,625 -> 5,63; 3,375 -> 3,38; 9,375 -> 9,38): 80,02, grade A."""
    nilai_semua(lke_diajukan, personas.reviewer)
    services.rekomendasi_save(
        evaluasi=lke_diajukan,
        rekomendasi=None,
        data={"uraian": "Perkuat evaluasi internal."},
        by=personas.reviewer,
    )
    services.selesai_evaluasi(evaluasi=lke_diajukan, simpulan="Baik.", by=personas.reviewer)
    return services.finalkan(evaluasi=lke_diajukan, by=personas.reviewer)
