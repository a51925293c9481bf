"""Forms for PKs, realisasi and budget. Values typed by users are read with kinerja.nilai."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.text import capfirst, slugify

from common.forms import VersiForm, tampilkan_galat
from common.versi import versi_dari
from kinerja.capaian import TRIWULAN
from kinerja.models import (
    BarisAnggaran,
    BarisPK,
    Kegiatan,
    Pemilihan,
    PemilihKecamatan,
    PerjanjianKinerja,
    Program,
    RencanaAksi,
    TargetTriwulan,
)
from kinerja.nilai import JenisNilai, NilaiError, parse_bilangan, parse_desimal, parse_rupiah
from kinerja.services import SUMBER_KOSONG, SUMBER_RENSTRA, SUMBER_TAHUN_LALU

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_BUKTI_BYTES = getattr(settings, "MAX_EVIDENCE_BYTES", 5 * 1024 * 1024)
# Evidence is recognised by its first bytes, never by the name or the browser's content type.
JENIS_BUKTI = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}


def periksa_berkas(
    berkas: UploadedFile | None, jenis: dict[bytes, str], nama: str
) -> UploadedFile | None:
    """An uploaded file checked by size and by its first bytes (never by its name or the
    browser's content type), renamed to a safe name with the extension of what it is."""
    if not berkas:
        return None
    if berkas.size > MAX_BUKTI_BYTES:
        mb = MAX_BUKTI_BYTES // (1024 * 1024)
        raise forms.ValidationError(f"Berkas terlalu besar; paling besar {mb} MB.")
    awal = berkas.read(8)
    berkas.seek(0)
    ext = next((e for magic, e in jenis.items() if awal.startswith(magic)), None)
    if ext is None:
        nama_jenis = list(dict.fromkeys(e.upper() for e in jenis.values()))
        boleh = " atau ".join(
            [", ".join(nama_jenis[:-1]), nama_jenis[-1]] if len(nama_jenis) > 1 else nama_jenis
        )
        raise forms.ValidationError(f"Berkas harus {boleh} (isi berkas diperiksa).")
    berkas.name = f"{slugify(Path(berkas.name).stem)[:60] or nama}.{ext}"
    return berkas


def versi_awal(obj) -> dict:
    return {"diperbarui": versi_dari(obj)}


class RupiahField(forms.CharField):
    """Whole rupiah typed as `Rp 1.234.567`, `1.234.567` or `1234567`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return f"{value:,}".replace(",", ".") if isinstance(value, int) else value

    def clean(self, value) -> int | None:
        teks = super().clean(value)
        try:
            angka = parse_rupiah(teks)
        except NilaiError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if angka is None and self.required:
            raise forms.ValidationError("Jumlah rupiah wajib diisi.")
        return angka


class BilanganField(RupiahField):
    """A count (voters, TPS) typed as `16.561` or `16561`."""

    def clean(self, value) -> int | None:
        teks = forms.CharField.clean(self, value)
        try:
            angka = parse_bilangan(teks)
        except NilaiError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if angka is None and self.required:
            raise forms.ValidationError("Jumlah wajib diisi.")
        return angka


class DesimalField(RupiahField):
    """A decimal (a volume, a share in percent) typed as `77,5`, `77,5%` or `1585`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return str(value).replace(".", ",") if value is not None else value

    def clean(self, value):
        teks = forms.CharField.clean(self, value)
        try:
            angka = parse_desimal(teks)
        except NilaiError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if angka is None and self.required:
            raise forms.ValidationError("Angka wajib diisi.")
        return angka


def _bilangan(field, **kwargs):
    """Counts of a ModelForm typed the Indonesian way (`16.561`); other fields as usual."""
    if isinstance(field, models.PositiveIntegerField):
        return BilanganField(label=capfirst(field.verbose_name), required=not field.blank)
    return field.formfield(**kwargs)


class PemilihanForm(forms.ModelForm):
    class Meta:
        model = Pemilihan
        fields = [
            "jenis",
            "nama",
            "tanggal",
            "dpt_disabilitas",
            "pengguna_disabilitas",
            "dpt_pemula",
            "pengguna_pemula",
        ]
        widgets = {"tanggal": TANGGAL}
        formfield_callback = _bilangan


class PemilihKecamatanForm(forms.ModelForm):
    class Meta:
        model = PemilihKecamatan
        fields = ["kecamatan", "desa", "tps", "dpt_l", "dpt_p", "pengguna_l", "pengguna_p"]
        formfield_callback = _bilangan


# ---------------------------------------------------------------- PK


class PerjanjianBaruForm(forms.Form):
    tahun = forms.IntegerField(min_value=2000, max_value=2100)
    jenis = forms.ChoiceField(choices=PerjanjianKinerja.Jenis.choices)
    sumber = forms.ChoiceField(
        label="Isi awal",
        choices=[
            (SUMBER_KOSONG, "Kosong"),
            (SUMBER_TAHUN_LALU, "Salin dari PK tahun sebelumnya"),
            (SUMBER_RENSTRA, "Dari target Renstra tahun ini"),
        ],
        widget=forms.RadioSelect,
        initial=SUMBER_KOSONG,
    )


class PerjanjianForm(VersiForm, forms.ModelForm):
    class Meta:
        model = PerjanjianKinerja
        fields = [
            "pihak_pertama_nama",
            "pihak_pertama_nip",
            "pihak_pertama_jabatan",
            "pihak_kedua_nama",
            "pihak_kedua_nip",
            "pihak_kedua_jabatan",
            "tempat",
            "tanggal",
        ]
        labels = {
            "pihak_pertama_nama": "Nama pihak pertama",
            "pihak_pertama_nip": "NIP pihak pertama",
            "pihak_pertama_jabatan": "Jabatan pihak pertama",
            "pihak_kedua_nama": "Nama pihak kedua",
            "pihak_kedua_nip": "NIP pihak kedua",
            "pihak_kedua_jabatan": "Jabatan pihak kedua",
            "tempat": "Tempat penandatanganan",
            "tanggal": "Tanggal penandatanganan",
        }
        widgets = {"tanggal": TANGGAL}


class BarisPKForm(VersiForm, forms.ModelForm):
    tw1 = forms.CharField(label="Target TW I", required=False, max_length=100)
    tw2 = forms.CharField(label="Target TW II", required=False, max_length=100)
    tw3 = forms.CharField(label="Target TW III", required=False, max_length=100)
    tw4 = forms.CharField(label="Target TW IV", required=False, max_length=100)

    class Meta:
        model = BarisPK
        fields = [
            "no",
            "sasaran",
            "indikator",
            "satuan",
            "jenis_nilai",
            "arah",
            "agregasi",
            "target",
        ]
        labels = {
            "no": "No.",
            "sasaran": "Sasaran strategis",
            "indikator": "Indikator kinerja",
            "jenis_nilai": "Jenis nilai",
            "target": "Target tahunan",
        }
        widgets = {
            "sasaran": forms.Textarea(attrs={"rows": 2}),
            "indikator": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"no": "", "target": "Mis. 77,5%, 10 kali, B, WTP."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis_nilai"].required = False
        self.fields["jenis_nilai"].choices = [("", "Otomatis dari target")] + list(
            JenisNilai.choices
        )
        if self.instance.pk and not self.is_bound:
            for t in self.instance.target_triwulan.all():
                self.initial[t.periode.lower()] = t.teks

    def _post_clean(self):
        """The row's rules (the model's clean()), then the quarterly targets read as the kind
        it decided, so every mistake of the form shows at once."""
        super()._post_clean()
        if not self.instance.jenis_nilai:
            return
        for periode, teks in self.target_triwulan().items():
            if teks:
                t = TargetTriwulan(baris=self.instance, periode=periode, teks=teks)
                try:
                    t.full_clean(exclude=["baris"], validate_unique=False)
                except ValidationError as exc:
                    tampilkan_galat(self, exc)

    def target_triwulan(self) -> dict[str, str]:
        return {p: self.cleaned_data.get(p.lower(), "").strip() for p in TRIWULAN}

    def data_baris(self) -> dict:
        """The row as the model's rules decided it (the kind of a target left on Otomatis)."""
        return {f: getattr(self.instance, f) for f in self.Meta.fields}


class AnggaranPKForm(forms.Form):
    """A program of the PK's budget, chosen from the programs of the year's DIPA (or of the
    catalogue while the DIPA has no lines), so that it can be checked against the DIPA."""

    program = forms.ChoiceField(
        help_text="Program pada DIPA tahun ini; jumlahnya diperiksa terhadap pagu program itu "
        "pada DIPA yang berlaku saat PK ditandatangani."
    )
    jumlah = RupiahField(label="Anggaran")

    def __init__(self, *args, satker, tahun: int, lama: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        dipa = Program.objects.filter(
            pk__in=BarisAnggaran.objects.filter(dipa__satker=satker, dipa__tahun=tahun).values(
                "program"
            )
        )
        program = dipa if dipa.exists() else Program.objects.all()
        pilihan = [(f"{p.nama} ({p.kode})", f"{p.kode} {p.nama}") for p in program.order_by("kode")]
        if lama and lama not in dict(pilihan):
            pilihan.append((lama, f"{lama} (seperti tertulis)"))
        self.fields["program"].choices = pilihan


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        error_messages={
            "required": "Alasan wajib diisi.",
            "min_length": "Tulis alasan yang jelas (paling sedikit 10 karakter).",
        },
    )


# ---------------------------------------------------------------- realisasi


class RealisasiForm(VersiForm):
    teks = forms.CharField(label="Realisasi", max_length=100, required=False)
    kendala = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    bukti_file = forms.FileField(
        label="Berkas bukti",
        required=False,
        help_text=f"PDF, JPG atau PNG, paling besar {MAX_BUKTI_BYTES // (1024 * 1024)} MB.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    hapus_bukti = forms.BooleanField(label="Hapus berkas bukti", required=False)
    bukti_tautan = forms.URLField(
        label="Tautan bukti", required=False, max_length=500, assume_scheme="https"
    )
    bukti_catatan = forms.CharField(
        label="Catatan bukti", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, jenis_nilai: str, **kwargs):
        self.jenis_nilai = jenis_nilai
        super().__init__(*args, **kwargs)

    def clean_teks(self) -> str:
        return self.cleaned_data["teks"].strip()

    def clean_bukti_tautan(self) -> str:
        url = self.cleaned_data["bukti_tautan"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Tautan harus diawali http:// atau https://.")
        return url

    def clean_bukti_file(self) -> UploadedFile | None:
        return periksa_berkas(self.cleaned_data["bukti_file"], JENIS_BUKTI, "bukti")

    def data_realisasi(self) -> dict:
        fields = ("teks", "kendala", "tindak_lanjut", "bukti_tautan", "bukti_catatan")
        return {f: self.cleaned_data[f] for f in fields}


# ---------------------------------------------------------------- budget


class RevisiDipaForm(forms.Form):
    label = forms.CharField(max_length=50, help_text="DIPA Awal, Revisi 1, …")
    tanggal = forms.DateField(widget=TANGGAL)
    pagu = RupiahField(label="Total pagu")


class BarisAnggaranForm(VersiForm, forms.ModelForm):
    pagu = RupiahField()
    realisasi = RupiahField(required=False)

    class Meta:
        model = BarisAnggaran
        fields = [
            "program",
            "kegiatan",
            "output_kode",
            "output_nama",
            "akun_kode",
            "sumber",
            "pagu",
            "realisasi",
            "sumber_realisasi",
            "per_tanggal",
        ]
        widgets = {"per_tanggal": TANGGAL}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.all()
        self.fields["kegiatan"].queryset = Kegiatan.objects.select_related("program")

    def clean_realisasi(self) -> int:
        return self.cleaned_data["realisasi"] or 0

    def data_baris(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class RencanaAksiForm(forms.ModelForm):
    class Meta:
        model = RencanaAksi
        fields = ["kegiatan", "pelaksana", "tw1", "tw2", "tw3", "tw4"]
        widgets = {"kegiatan": forms.Textarea(attrs={"rows": 2})}


# ---------------------------------------------------------------- budget tied to performance


def pilihan_output(dipa, *, seluruh_kegiatan: bool) -> list[tuple[str, str]]:
    """The kegiatan and outputs of a DIPA's lines as choices `kegiatan_id|output_kode`."""
    hasil: dict[str, str] = {}
    for b in dipa.baris.select_related("kegiatan").order_by("kegiatan__kode", "output_kode"):
        if seluruh_kegiatan:
            hasil.setdefault(f"{b.kegiatan_id}|", f"{b.kegiatan.kode} {b.kegiatan.nama} (seluruh)")
        if b.output_kode:
            nama = f"{b.kegiatan.kode}.{b.output_kode} {b.output_nama}".strip()
            hasil.setdefault(f"{b.kegiatan_id}|{b.output_kode}", nama)
    return list(hasil.items())


class PilihOutputForm(forms.Form):
    """A choice of a kegiatan/output of the DIPA, read back as (Kegiatan, output_kode)."""

    sasaran = forms.ChoiceField(label="Kegiatan / output DIPA")

    def __init__(self, *args, pilihan: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].choices = pilihan

    def kegiatan_output(self) -> tuple[Kegiatan, str]:
        kegiatan_id, _, output = self.cleaned_data["sasaran"].partition("|")
        return Kegiatan.objects.get(pk=int(kegiatan_id)), output


class TautanAnggaranForm(PilihOutputForm):
    porsi = DesimalField(
        label="Porsi (%)",
        initial=100,
        help_text="1-100; bagian anggaran kegiatan/output ini yang melayani indikator ini.",
    )


class OutputROForm(PilihOutputForm):
    satuan = forms.CharField(max_length=50, help_text="Layanan, Dokumen, Orang, …")
    volume = DesimalField(label="Target volume")
    kumulatif = forms.BooleanField(
        label="Realisasi volume kumulatif (SAKTI: akumulatif)", required=False, initial=True
    )


BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


class RealisasiROForm(forms.Form):
    """An output's target and its twelve months in one form (fields `bulan_<n>_<field>`)."""

    satuan = forms.CharField(max_length=50)
    volume = DesimalField(label="Target volume")
    kumulatif = forms.BooleanField(label="Realisasi volume kumulatif", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for b in range(1, 13):
            self.fields[f"bulan_{b}_volume"] = DesimalField(label="Volume", required=False)
            self.fields[f"bulan_{b}_uang"] = RupiahField(label="Realisasi (Rp)", required=False)
            self.fields[f"bulan_{b}_progres"] = DesimalField(label="Progres (%)", required=False)
            self.fields[f"bulan_{b}_kendala"] = forms.CharField(
                label="Kendala", required=False, max_length=2000
            )

    def baris_bulan(self) -> list[tuple[str, list]]:
        return [
            (
                BULAN[b - 1],
                [self[f"bulan_{b}_{f}"] for f in ("volume", "uang", "progres", "kendala")],
            )
            for b in range(1, 13)
        ]

    def data_bulan(self) -> dict[int, dict | None]:
        """Each month's values, None for a month left empty (volume and money both empty)."""
        hasil = {}
        for b in range(1, 13):
            d = {
                f: self.cleaned_data[f"bulan_{b}_{f}"]
                for f in ("volume", "uang", "progres", "kendala")
            }
            if d["volume"] is None and d["uang"] is None:
                hasil[b] = None
            else:
                hasil[b] = d | {"volume": d["volume"] or 0, "uang": d["uang"] or 0}
        return hasil


class RevisiBarisForm(forms.Form):
    baris = forms.ChoiceField(label="Baris anggaran")
    pagu = RupiahField(label="Pagu setelah revisi")

    def __init__(self, *args, dipa, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {str(b.pk): b for b in dipa.baris.select_related("program", "kegiatan")}
        self.fields["baris"].choices = [(k, str(b)) for k, b in self.lines.items()]

    def data_baris(self) -> dict:
        b = self.lines[self.cleaned_data["baris"]]
        kunci = ("program", "kegiatan", "output_kode", "akun_kode", "sumber")
        return {f: getattr(b, f) for f in kunci} | {"pagu": self.cleaned_data["pagu"]}
