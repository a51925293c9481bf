"""What every form shares."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from common.versi import baca_versi


def tampilkan_galat(form: forms.BaseForm, exc: ValidationError) -> None:
    """A service's refusal on the form: under the field it names when the form has that field,
    above the form otherwise."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class VersiForm(forms.Form):
    """Carries the version (`diperbarui`) of the row being edited, for optimistic locking;
    `baru` for a row that did not exist when the page was opened."""

    diperbarui = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_diperbarui(self) -> dt.datetime | str | None:
        try:
            return baca_versi(self.cleaned_data["diperbarui"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["diperbarui"]) from exc
