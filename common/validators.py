"""Field rules stated once, on the model fields that carry them; every channel (form, API,
workbook, admin, command) gets the same answer because each calls `full_clean()` or a service
that does, and the database checks the same rule as a constraint where it can."""

from django.core.validators import RegexValidator

validasi_nip = RegexValidator(r"^[0-9]{18}$", "NIP terdiri dari 18 angka.", code="nip")
validasi_akun = RegexValidator(
    r"^[0-9]{6}$", "Kode akun terdiri dari 6 angka, mis. 521211.", code="akun"
)
NIP_REGEX = r"^[0-9]{18}$"
AKUN_REGEX = r"^[0-9]{6}$"


def tanpa_spasi(teks: str) -> str:
    """NIPs are printed in groups (`19780512 200312 1 002`); they are stored without spaces."""
    return "".join((teks or "").split())
