"""What finalising locks (common/kunci.py says how): a final LKjIP version, with its PDF, its
SHA-256 and the justifications it was finalised with."""

PESAN_FINAL = (
    "LKjIP versi final terkunci: PDF dan SHA-256-nya tidak dapat diubah atau dihapus; "
    "perubahan menjadi versi berikutnya."
)
FINAL = "'FINAL'"
LAPORAN = "laporan_laporankinerja"


def _final(kolom: str) -> str:
    return f"EXISTS (SELECT 1 FROM {LAPORAN} l WHERE l.id = {kolom} AND l.status = {FINAL})"


PEMICU = [
    ("kunci_laporan_upd", LAPORAN, "UPDATE", f"OLD.status = {FINAL}", PESAN_FINAL),
    ("kunci_laporan_del", LAPORAN, "DELETE", f"OLD.status = {FINAL}", PESAN_FINAL),
    (
        "kunci_justifikasi_ins",
        "laporan_justifikasipemeriksaan",
        "INSERT",
        _final("NEW.laporan_id"),
        PESAN_FINAL,
    ),
    (
        "kunci_justifikasi_upd",
        "laporan_justifikasipemeriksaan",
        "UPDATE",
        f"{_final('OLD.laporan_id')} OR {_final('NEW.laporan_id')}",
        PESAN_FINAL,
    ),
    (
        "kunci_justifikasi_del",
        "laporan_justifikasipemeriksaan",
        "DELETE",
        _final("OLD.laporan_id"),
        PESAN_FINAL,
    ),
]
