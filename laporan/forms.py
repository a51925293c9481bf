from django import forms

from common.forms import VersiForm
from laporan.data import Laporan
from laporan.models import LaporanKinerja
from laporan.narasi import isi_teks


class NarasiForm(VersiForm):
    teks = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        required=False,
        help_text="Kosongkan untuk kembali ke teks bawaan.",
    )

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, **kwargs)
        self.laporan = laporan

    def clean_teks(self) -> str:
        teks = self.cleaned_data["teks"]
        _, galat = isi_teks(teks, self.laporan)
        if galat:
            raise forms.ValidationError(galat)
        return teks


class JustifikasiForm(forms.Form):
    kunci = forms.CharField(max_length=200, widget=forms.HiddenInput)
    teks = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        required=False,
        label="Justifikasi",
    )


class IdentitasForm(forms.ModelForm):
    """The report's date and who signs it."""

    class Meta:
        model = LaporanKinerja
        fields = ["tanggal_laporan", "ditandatangani"]
        widgets = {"tanggal_laporan": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
