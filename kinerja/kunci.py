"""What a signature locks (common/kunci.py says how): a signed PK, its rows, their quarterly
targets and its program budget. Realisasi stay open: they are entered after signing."""

from common.kunci import pemicu_anak

PESAN_PK = (
    "PK ini sudah ditandatangani dan terkunci; perubahan hanya melalui Revisi PK dengan alasan."
)
TTD = "'DITANDATANGANI'"
PK = "kinerja_perjanjiankinerja"


def _pk_ttd(kolom: str) -> str:
    return f"EXISTS (SELECT 1 FROM {PK} p WHERE p.id = {kolom} AND p.status = {TTD})"


def _baris_ttd(kolom: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM kinerja_barispk b JOIN {PK} p ON p.id = b.perjanjian_id "
        f"WHERE b.id = {kolom} AND p.status = {TTD})"
    )


def _anak(nama: str, tabel: str, induk, bebas: tuple[str, ...] = ()) -> list[tuple]:
    return pemicu_anak(nama, tabel, induk, PESAN_PK, bebas)


PEMICU = [
    ("kunci_pk_upd", PK, "UPDATE", f"OLD.status = {TTD}", PESAN_PK),
    ("kunci_pk_del", PK, "DELETE", f"OLD.status = {TTD}", PESAN_PK),
    # BarisPK.KOLOM_BEBAS: the row's link to the national catalogue (and its timestamp).
    *_anak(
        "barispk",
        "kinerja_barispk",
        lambda r: _pk_ttd(f"{r}.perjanjian_id"),
        bebas=("indikator_kinerja_id", "lokal", "diperbarui"),
    ),
    *_anak("anggaranpk", "kinerja_anggaranpk", lambda r: _pk_ttd(f"{r}.perjanjian_id")),
    *_anak("targettriwulan", "kinerja_targettriwulan", lambda r: _baris_ttd(f"{r}.baris_id")),
]
