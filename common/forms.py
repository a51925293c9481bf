"""What every form shares."""

from django import forms
from django.core.exceptions import ValidationError


def tampilkan_galat(form: forms.BaseForm, exc: ValidationError) -> None:
    """A service's refusal on the form: under the field it names when the form has that field,
    above the form otherwise."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
