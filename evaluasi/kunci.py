"""What finalising an LKE locks (common/kunci.py says how): the evaluation with its sealed total
and grade, and every answer. A recommendation's follow-up stays open (Rekomendasi.KOLOM_BEBAS)."""

from common.kunci import pemicu_anak

PESAN_FINAL = "LKE ini sudah final dan terkunci; jawaban, nilai dan predikatnya tidak dapat diubah."
FINAL = "'FINAL'"
EVALUASI = "evaluasi_evaluasi"


def _final(r: str) -> str:
    """The evaluation of the row (`r` is OLD or NEW) is final."""
    return (
        f"EXISTS (SELECT 1 FROM {EVALUASI} e WHERE e.id = {r}.evaluasi_id AND e.status = {FINAL})"
    )


PEMICU = [
    ("kunci_evaluasi_upd", EVALUASI, "UPDATE", f"OLD.status = {FINAL}", PESAN_FINAL),
    ("kunci_evaluasi_del", EVALUASI, "DELETE", f"OLD.status = {FINAL}", PESAN_FINAL),
    *pemicu_anak("jawaban_lke", "evaluasi_jawaban", _final, PESAN_FINAL),
    *pemicu_anak(
        "rekomendasi_lke",
        "evaluasi_rekomendasi",
        _final,
        PESAN_FINAL,
        bebas=(
            "tindak_lanjut",
            "tautan",
            "status",
            "ditindaklanjuti_pada",
            "ditutup_pada",
        ),
    ),
]
