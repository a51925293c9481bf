"""What finalising an LKE locks (common/kunci.py says how): the evaluation with its sealed total
and grade, and every answer. A recommendation's follow-up stays open (Rekomendasi.KOLOM_BEBAS)."""

from common.kunci import kolom_berubah

PESAN_FINAL = "LKE ini sudah final dan terkunci; jawaban, nilai dan predikatnya tidak dapat diubah."
FINAL = "'FINAL'"
EVALUASI = "evaluasi_evaluasi"


def _final(kolom: str) -> str:
    return f"EXISTS (SELECT 1 FROM {EVALUASI} e WHERE e.id = {kolom} AND e.status = {FINAL})"


def _anak(nama: str, tabel: str, bebas: tuple[str, ...] = ()) -> list[tuple]:
    ubah: str | list = f"{_final('OLD.evaluasi_id')} OR {_final('NEW.evaluasi_id')}"
    if bebas:
        ubah = [ubah, kolom_berubah(bebas)]
    return [
        (f"kunci_{nama}_ins", tabel, "INSERT", _final("NEW.evaluasi_id"), PESAN_FINAL),
        (f"kunci_{nama}_upd", tabel, "UPDATE", ubah, PESAN_FINAL),
        (f"kunci_{nama}_del", tabel, "DELETE", _final("OLD.evaluasi_id"), PESAN_FINAL),
    ]


PEMICU = [
    ("kunci_evaluasi_upd", EVALUASI, "UPDATE", f"OLD.status = {FINAL}", PESAN_FINAL),
    ("kunci_evaluasi_del", EVALUASI, "DELETE", f"OLD.status = {FINAL}", PESAN_FINAL),
    *_anak("jawaban_lke", "evaluasi_jawaban"),
    *_anak(
        "rekomendasi_lke",
        "evaluasi_rekomendasi",
        bebas=(
            "tindak_lanjut",
            "tautan",
            "status",
            "ditindaklanjuti_pada",
            "ditutup_pada",
        ),
    ),
]
