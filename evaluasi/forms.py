from django import forms

from evaluasi.models import JAWABAN, Evaluasi, Komponen, Rekomendasi
from kinerja.forms import JENIS_BUKTI, MAX_BUKTI_BYTES, TANGGAL, periksa_berkas

BARIS = {"rows": 2}


def _tautan(url: str) -> str:
    if url and not url.lower().startswith(("http://", "https://")):
        raise forms.ValidationError("Tautan harus diawali http:// atau https://.")
    return url


class JawabanMandiriForm(forms.Form):
    """The office's answer of one criterion (the page shows one form per criterion)."""

    mandiri = forms.ChoiceField(label="Jawaban", required=False)
    catatan = forms.CharField(
        label="Catatan / penjelasan",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs=BARIS),
    )
    dokumen = forms.ChoiceField(label="Dokumen dalam sistem", required=False)
    tautan = forms.URLField(
        label="Tautan bukti", required=False, max_length=500, assume_scheme="https"
    )
    berkas = forms.FileField(
        label="Berkas bukti",
        required=False,
        help_text=f"PDF, JPG atau PNG, paling besar {MAX_BUKTI_BYTES // (1024 * 1024)} MB.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, baris, dokumen: list[tuple[str, str]], **kwargs):
        j = baris.jawaban
        kwargs.setdefault(
            "initial",
            {"mandiri": j.mandiri, "catatan": j.catatan, "dokumen": j.dokumen, "tautan": j.tautan},
        )
        super().__init__(*args, prefix=f"k{baris.kriteria.pk}", **kwargs)
        kosong = f"ikuti usulan sistem ({baris.usulan})" if baris.usulan else "belum dijawab"
        self.fields["mandiri"].choices = [("", f"— {kosong} —")] + [
            (x, x) for x in JAWABAN[baris.kriteria.skala]
        ]
        self.fields["dokumen"].choices = [("", "—")] + dokumen
        self.baris = baris

    def clean_tautan(self) -> str:
        return _tautan(self.cleaned_data["tautan"])

    def clean_berkas(self):
        return periksa_berkas(self.cleaned_data["berkas"], JENIS_BUKTI, "bukti-lke")

    def isian(self) -> dict:
        d = {k: self.cleaned_data[k] for k in ("mandiri", "catatan", "dokumen", "tautan")}
        if self.cleaned_data["berkas"]:
            d["berkas"] = self.cleaned_data["berkas"]
        return d


class JawabanEvaluatorForm(forms.Form):
    evaluator = forms.ChoiceField(label="Nilai evaluator", required=False)
    catatan_evaluator = forms.CharField(
        label="Catatan evaluator",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs=BARIS),
    )

    def __init__(self, *args, baris, **kwargs):
        j = baris.jawaban
        kwargs.setdefault(
            "initial", {"evaluator": j.evaluator, "catatan_evaluator": j.catatan_evaluator}
        )
        super().__init__(*args, prefix=f"k{baris.kriteria.pk}", **kwargs)
        self.fields["evaluator"].choices = [("", "— belum dinilai —")] + [
            (x, x) for x in JAWABAN[baris.kriteria.skala]
        ]
        self.baris = baris

    def isian(self) -> dict:
        return dict(self.cleaned_data)


class RekomendasiForm(forms.ModelForm):
    class Meta:
        model = Rekomendasi
        fields = ["komponen", "uraian", "batas"]
        widgets = {"uraian": forms.Textarea(attrs=BARIS), "batas": TANGGAL}

    def __init__(self, *args, evaluasi: Evaluasi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["komponen"].queryset = Komponen.objects.filter(instrumen=evaluasi.instrumen)
        self.fields["komponen"].required = False


class TindakLanjutForm(forms.Form):
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut", max_length=3000, widget=forms.Textarea(attrs=BARIS)
    )
    tautan = forms.URLField(
        label="Tautan bukti", required=False, max_length=500, assume_scheme="https"
    )

    def clean_tautan(self) -> str:
        return _tautan(self.cleaned_data["tautan"])


class AlasanForm(forms.Form):
    alasan = forms.CharField(label="Alasan", max_length=1000, widget=forms.Textarea(attrs=BARIS))


class SimpulanForm(forms.Form):
    simpulan = forms.CharField(
        label="Simpulan evaluator",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
