from django import forms
from django.core.files.uploadedfile import UploadedFile
from PIL import Image

from common.forms import VersiForm
from kinerja.forms import periksa_berkas
from kinerja.models import Realisasi
from laporan.data import Laporan
from laporan.models import IsiBab, LaporanKinerja
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


# A picture of the report is recognised by its first bytes, like evidence (PNG or JPG only).
JENIS_GAMBAR = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}


class IsiBabForm(forms.ModelForm):
    class Meta:
        model = IsiBab
        fields = ["bab", "jenis", "judul", "teks", "gambar", "bukti", "sumber", "urutan"]
        widgets = {
            "teks": forms.Textarea(attrs={"rows": 10}),
            "gambar": forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png"}),
        }

    def __init__(self, *args, satker, tahun: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bukti"].queryset = (
            Realisasi.objects.filter(
                baris__perjanjian__satker=satker, baris__perjanjian__tahun=tahun
            )
            .exclude(bukti_file="")
            .filter(bukti_file__iregex=r"\.(png|jpg)$")
            .select_related("baris")
            .order_by("baris__no", "periode")
        )
        self.fields["bukti"].label_from_instance = lambda r: (
            f"{r.baris.no} {r.get_periode_display()}: {r.bukti_file.name.rsplit('/', 1)[-1]}"
        )
        self.fields["gambar"].help_text = "JPG atau PNG, paling besar 5 MB."
        self.fields["urutan"].required = False
        self.fields["urutan"].help_text = "Kosong: di akhir bab."

    def clean_gambar(self):
        berkas = self.cleaned_data.get("gambar")
        if not isinstance(berkas, UploadedFile):  # a stored picture stays as it is
            return berkas
        berkas = periksa_berkas(berkas, JENIS_GAMBAR, "gambar")
        try:
            with Image.open(berkas) as gambar:
                gambar.verify()
        except (OSError, SyntaxError, ValueError) as exc:
            raise forms.ValidationError("Gambar rusak atau tidak dapat dibaca.") from exc
        finally:
            berkas.seek(0)
        return berkas
