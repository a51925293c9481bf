"""What a signature locks (common/kunci.py says how): a signed PK, its rows, their quarterly
targets and its program budget. Realisasi stay open: they are entered after signing."""

from common.kunci import kolom_berubah

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
    """Insert into, change in or out of, and delete from a signed PK: all refused (a change of
    the `bebas` columns alone excepted)."""
    ubah: str | list = f"{induk('OLD')} OR {induk('NEW')}"
    if bebas:
        ubah = [ubah, kolom_berubah(bebas)]
    return [
        (f"kunci_{nama}_ins", tabel, "INSERT", induk("NEW"), PESAN_PK),
        (f"kunci_{nama}_upd", tabel, "UPDATE", ubah, PESAN_PK),
        (f"kunci_{nama}_del", tabel, "DELETE", induk("OLD"), PESAN_PK),
    ]


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
