"""Field rules stated once, on the model fields that carry them; every channel (form, API,
workbook, admin, command) gets the same answer because each calls `full_clean()` or a service
that does, and the database checks the same rule as a constraint where it can."""

from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models

NIP_REGEX = r"^[0-9]{18}$"
AKUN_REGEX = r"^[0-9]{6}$"
validasi_nip = RegexValidator(NIP_REGEX, "NIP terdiri dari 18 angka.", code="nip")
validasi_akun = RegexValidator(AKUN_REGEX, "Kode akun terdiri dari 6 angka, mis. 521211.", "akun")


class KodeField(models.CharField):
    """A code of a fixed shape (NIP, akun), optional. Its pattern says in one message what is
    wrong, whatever the length, so no channel adds a length message of its own; spaces typed
    between groups (`19780512 200312 1 002`) are dropped."""

    def __init__(self, *args, pola: RegexValidator, **kwargs):
        self.pola = pola
        kwargs.setdefault("blank", True)
        kwargs["validators"] = [pola]
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["pola"] = self.pola
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    @property
    def validators(self):
        # A fresh list each time: CharField.__init__ appends its length validator to this list,
        # which is thereby dropped.
        return [*self.default_validators, *self._validators]

    def to_python(self, value):
        return "".join((super().to_python(value) or "").split())

    def formfield(self, **kwargs):
        return super().formfield(**{"max_length": None, **kwargs})


def kode_constraint(field: str, regex: str, nama: str) -> models.CheckConstraint:
    """The same pattern in the database: empty, or the code's shape."""
    return models.CheckConstraint(
        condition=models.Q(**{field: ""}) | models.Q(**{f"{field}__regex": regex}), name=nama
    )


def teks_maks(maks: int, *args, **kwargs) -> models.TextField:
    """Free text with its limit stated on the model, so every channel refuses a longer text
    with the same message (a browser's textarea stops at it too)."""
    return models.TextField(*args, max_length=maks, validators=[MaxLengthValidator(maks)], **kwargs)
