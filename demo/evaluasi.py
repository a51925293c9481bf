"""The demo's AKIP evaluations (issue 18), walked through the services as people would:

- KPU Kota Pagar Alam, LKE 2024 (announced 2025): self-assessment with the system's suggestions,
  scored by reviewer.sumsel, two recommendations (one followed up and closed, one open), final
  73,01 "BB": the realisasi of "Nilai Akuntabilitas Kinerja" in its PKs 2025.
- KPU Kota Pematangsiantar, LKE 2023 (announced 2024): final 66,01 "B", the grade its LKjIP
  2024 prints as the realisasi of that indicator (seed).
- KPU Kota Pagar Alam, LKE 2025: a draft with the first component answered, for a visitor to
  continue.

The figures are illustrative (fixtures/README.md), not official results.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from common.kunci import kunci_dilepas
from evaluasi import services
from evaluasi.models import Evaluasi
from evaluasi.selectors import baca_lke
from satker.models import Satker

CATATAN = "Data demo ilustratif (bukan hasil evaluasi resmi)."
NAIK = {"T": "Y", "E": "D", "D": "C", "C": "B", "B": "A"}
# The evaluator's answers per sub-component, in criterion order.
POLA = {
    ("1672", 2024): {
        "1.a": "YYYYY", "1.b": "BBBB", "1.c": "BBBB", "2.a": "YYY", "2.b": "BBC", "2.c": "CBB",
        "3.a": "YYY", "3.b": "BBB", "3.c": "BB", "4.a": "YT", "4.b": "BC", "4.c": "CB",
    },
    ("1272", 2023): {
        "1.a": "YYYYY", "1.b": "BCBB", "1.c": "CBCB", "2.a": "YTY", "2.b": "BBC", "2.c": "CBC",
        "3.a": "YYY", "3.b": "BCB", "3.c": "CB", "4.a": "YT", "4.b": "BC", "4.c": "CB",
    },
}  # fmt: skip
REKOMENDASI = [
    (
        "2",
        "Lengkapi definisi operasional dan cara pengukuran setiap indikator kinerja, dan "
        "tetapkan penanggung jawab pengumpulan datanya.",
        "Definisi operasional seluruh indikator PK 2025 telah ditetapkan dengan Keputusan "
        "Sekretaris dan dimuat dalam aplikasi.",
    ),
    (
        "4",
        "Laksanakan evaluasi internal atas capaian kinerja setiap triwulan dan dokumentasikan "
        "hasil serta tindak lanjutnya.",
        "",
    ),
]


def muat_evaluasi(satker: dict[str, Satker], pengguna: dict[str, dict[str, User]]) -> None:
    if Evaluasi.objects.filter(satker__kode__in=["1672", "1272"]).exists():
        return
    reviewer = {
        "1672": User.objects.get(username="reviewer.sumsel"),
        "1272": User.objects.get(username="reviewer.sumut"),
    }
    for (kode, tahun), pola in POLA.items():
        _lke(satker[kode], tahun, pola, pengguna[kode], reviewer[kode], rekomendasi=kode == "1672")
    draf = services.evaluasi_mulai(
        satker=satker["1672"], tahun=2025, by=pengguna["1672"]["OPERATOR"]
    )
    _isi_mandiri(draf, None, pengguna["1672"]["OPERATOR"], komponen="1")


def _isi_mandiri(ev: Evaluasi, pola: dict | None, oleh: User, komponen: str = "") -> None:
    """The office answers each criterion (one step above the evaluator, as offices do) unless
    the system suggests an answer, which it keeps."""
    for b in baca_lke(ev).baris:
        sub = b.kriteria.sub
        if komponen and sub.komponen.kode != komponen or b.usulan:
            continue
        i = b.kriteria.urutan - 1
        jawab = (
            NAIK.get(pola[sub.kode][i], pola[sub.kode][i])
            if pola
            else ("Y" if b.kriteria.skala == "YT" else "B")
        )
        services.jawaban_mandiri_save(
            jawaban=b.jawaban,
            data={"mandiri": jawab, "catatan": f"{CATATAN} Bukti pada dokumen perencanaan."},
            by=oleh,
        )


def _lke(
    s: Satker, tahun: int, pola: dict, orang: dict[str, User], reviewer: User, *, rekomendasi: bool
):
    ev = services.evaluasi_mulai(satker=s, tahun=tahun, by=orang["OPERATOR"])
    _isi_mandiri(ev, pola, orang["OPERATOR"])
    services.ajukan(evaluasi=ev, by=orang["SEKRETARIS"])
    for b in baca_lke(ev).baris:
        sub = b.kriteria.sub
        jawab = pola[sub.kode][b.kriteria.urutan - 1]
        catatan = (
            ""
            if jawab == b.mandiri
            else f"Jawaban satker {b.mandiri}; bukti dukung menunjukkan {jawab}."
        )
        services.jawaban_evaluator_save(
            jawaban=b.jawaban, data={"evaluator": jawab, "catatan_evaluator": catatan}, by=reviewer
        )
    komponen = {k.kode: k for k in ev.instrumen.komponen.all()}
    rek = []
    if rekomendasi:
        for kode, uraian, _ in REKOMENDASI:
            rek.append(
                services.rekomendasi_save(
                    evaluasi=ev,
                    rekomendasi=None,
                    data={
                        "komponen": komponen[kode],
                        "uraian": uraian,
                        "batas": dt.date(tahun + 1, 6, 30),
                    },
                    by=reviewer,
                )
            )
    services.selesai_evaluasi(
        evaluasi=ev,
        simpulan=f"{CATATAN} Implementasi SAKIP {s.nama} Tahun {tahun} sudah berjalan; "
        "pemanfaatan hasil pengukuran dan evaluasi internal masih perlu diperkuat.",
        by=reviewer,
    )
    services.finalkan(evaluasi=ev, by=reviewer)
    for r, (_, _, tindak) in zip(rek, REKOMENDASI, strict=False):  # none for Pematangsiantar
        if tindak:
            services.tindak_lanjut_save(
                rekomendasi=r, data={"tindak_lanjut": tindak}, by=orang["OPERATOR"]
            )
            services.rekomendasi_tutup(rekomendasi=r, selesai=True, by=reviewer)
    # the dates of a real cycle: submitted in March, evaluated and final in April of the next
    # year (a final LKE is locked: the demo load is trusted to set them)
    zona = timezone.get_current_timezone()
    with kunci_dilepas("demo: tanggal LKE"):
        Evaluasi.objects.filter(pk=ev.pk).update(
            diajukan_pada=dt.datetime(tahun + 1, 3, 10, 9, tzinfo=zona),
            dievaluasi_pada=dt.datetime(tahun + 1, 4, 8, 14, tzinfo=zona),
            difinalkan_pada=dt.datetime(tahun + 1, 4, 15, 10, tzinfo=zona),
        )
