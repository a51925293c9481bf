"""Forms of the national catalogue pages (KPU RI)."""

from django import forms
from django.db.models import QuerySet

from kinerja.models import BarisPK, IndikatorKinerja, Renstra, SasaranStrategis


class RenstraForm(forms.ModelForm):
    class Meta:
        model = Renstra
        fields = ["tahun_awal", "tahun_akhir", "visi", "misi", "tujuan"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("visi", "misi", "tujuan")}


class SasaranForm(forms.ModelForm):
    class Meta:
        model = SasaranStrategis
        fields = ["kode", "nama", "jenis_pk", "urutan"]
        widgets = {"nama": forms.Textarea(attrs={"rows": 2})}


class IndikatorForm(forms.ModelForm):
    """An indicator and its national target for every year of the Renstra."""

    class Meta:
        model = IndikatorKinerja
        fields = [
            "sasaran",
            "kode",
            "nama",
            "tingkat",
            "satuan",
            "jenis_nilai",
            "arah",
            "agregasi",
            "rumus_turun",
            "definisi_operasional",
            "formula",
            "sumber_data",
            "urutan",
        ]
        widgets = {
            "nama": forms.Textarea(attrs={"rows": 2}),
            "definisi_operasional": forms.Textarea(attrs={"rows": 3}),
            "formula": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, renstra: Renstra, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].queryset = renstra.sasaran.order_by("urutan", "kode")
        ada = {t.tahun: t.target for t in self.instance.target.all()} if self.instance.pk else {}
        self.tahun = list(range(renstra.tahun_awal, renstra.tahun_akhir + 1))
        for tahun in self.tahun:
            self.fields[f"target_{tahun}"] = forms.CharField(
                label=f"Target nasional {tahun}", required=False, initial=ada.get(tahun, "")
            )

    def target(self) -> dict[int, str]:
        return {t: self.cleaned_data.get(f"target_{t}", "") for t in self.tahun}


class NamaForm(forms.Form):
    nama = forms.CharField(max_length=300)


class TautanForm(forms.Form):
    """Link one PK row to a catalogue indicator of its year, or mark it local."""

    indikator = forms.ModelChoiceField(IndikatorKinerja.objects.none(), required=False)
    lokal = forms.BooleanField(required=False, label="Indikator lokal satker")

    def __init__(self, *args, baris: BarisPK, pilihan: QuerySet, **kwargs):
        """`pilihan`: the catalogue indicators of the row's year; the forms of many rows share
        one queryset, read once."""
        super().__init__(*args, **kwargs)
        field = self.fields["indikator"]
        field.queryset = pilihan
        label = [(ik.pk, f"{ik.kode} · {ik.nama[:120]}") for ik in pilihan]
        field.choices = [("", "— pilih indikator katalog —"), *label]
        self.baris = baris

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("indikator") and not data.get("lokal"):
            raise forms.ValidationError("Pilih indikator katalog, atau tandai sebagai lokal.")
        return data
