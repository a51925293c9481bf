from django import forms

from satker.models import Pejabat, Satker

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SatkerForm(forms.ModelForm):
    class Meta:
        model = Satker
        fields = ["alamat", "kota"]
        widgets = {"alamat": forms.Textarea(attrs={"rows": 3})}


class PejabatForm(forms.ModelForm):
    class Meta:
        model = Pejabat
        fields = ["nama", "nip", "jabatan", "divisi", "mulai", "selesai"]
        widgets = {"mulai": TANGGAL, "selesai": TANGGAL}
