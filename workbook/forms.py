from django import forms
from django.conf import settings
from django.utils import timezone


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label="Workbook (.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        batas = settings.MAX_UPLOAD_BYTES
        if berkas.size > batas:
            raise forms.ValidationError(
                f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); "
                f"batasnya {batas / 1024 / 1024:.0f} MB. Pecah workbook per satker atau per sheet."
            )
        return berkas


class EksporForm(forms.Form):
    satker = forms.ChoiceField(label="Satker")
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    provinsi = forms.BooleanField(
        label="Seluruh satker provinsi ini (provinsi dan kabupaten/kota)", required=False
    )

    def __init__(self, *args, satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"].choices = [(s.kode, f"{s.kode} — {s.nama}") for s in satker]
        self.fields["tahun"].initial = timezone.localdate().year
