from django import forms

from satker.models import Aset, Pegawai, Pejabat, Satker

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SatkerForm(forms.ModelForm):
    class Meta:
        model = Satker
        fields = ["alamat", "kota"]
        widgets = {"alamat": forms.Textarea(attrs={"rows": 3})}


class PejabatForm(forms.ModelForm):
    class Meta:
        model = Pejabat
        fields = ["nama", "nip", "jabatan", "divisi", "tugas", "mulai", "selesai"]
        widgets = {"mulai": TANGGAL, "selesai": TANGGAL, "tugas": forms.Textarea(attrs={"rows": 5})}


class PegawaiForm(forms.ModelForm):
    class Meta:
        model = Pegawai
        fields = ["nama", "nip", "status", "golongan", "pendidikan", "jabatan", "unit"]


class AsetForm(forms.ModelForm):
    class Meta:
        model = Aset
        fields = ["jenis", "uraian", "jumlah", "satuan", "kondisi", "nilai", "keterangan"]
