"""The national catalogue every installation ships with (fixtures/katalog.json): KPU's program,
kegiatan and output codes and the national Renstra with its sasaran, indicators and targets.

It is put in place after every `migrate` (and after a test database is flushed), so a freshly
migrated database knows it. Only what is missing is added: a Renstra that exists, and the name
of a code that exists, are KPU RI's to maintain in the application and are never overwritten.
"""

import json
import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.db import transaction

from kinerja.nilai import parse_nilai

BERKAS = Path(settings.BASE_DIR) / "fixtures" / "katalog.json"


@cache
def data_katalog() -> dict:
    return json.loads(BERKAS.read_text(encoding="utf-8"))


def _isi(model, **nilai):
    """Only the fields the model has in this migration state."""
    ada = {f.name for f in model._meta.get_fields()}
    return model(**{k: v for k, v in nilai.items() if k in ada})


def pasang_katalog(apps, using: str = "default") -> dict[str, int]:
    """Add what is missing of the catalogue; return how many rows of each kind were added."""
    m = {n: apps.get_model("kinerja", n) for n in KELAS}
    data = data_katalog()
    tambah = dict.fromkeys(KELAS, 0)
    with transaction.atomic(using=using):
        for p in data["program"]:
            program, baru = (
                m["Program"]
                .objects.using(using)
                .get_or_create(kode=p["kode"], defaults={"nama": p["nama"]})
            )
            tambah["Program"] += baru
            for k in p["kegiatan"]:
                kegiatan, baru = (
                    m["Kegiatan"]
                    .objects.using(using)
                    .get_or_create(program=program, kode=k["kode"], defaults={"nama": k["nama"]})
                )
                tambah["Kegiatan"] += baru
                ada = set(kegiatan.output.values_list("kode", flat=True))
                output = [
                    m["Output"](kegiatan=kegiatan, kode=kode, nama=nama)
                    for kode, nama in k["output"]
                    if kode not in ada
                ]
                m["Output"].objects.using(using).bulk_create(output)
                tambah["Output"] += len(output)
        ada = set(
            m["Renstra"]
            .objects.using(using)
            .filter(satker__isnull=True)
            .values_list("tahun_awal", flat=True)
        )
        for r in data["renstra"]:
            if r["tahun_awal"] not in ada:
                _renstra(m, r, using, tambah)
    return tambah


KELAS = (
    "Program",
    "Kegiatan",
    "Output",
    "Renstra",
    "SasaranStrategis",
    "IndikatorKinerja",
    "TargetRenstra",
)


def _renstra(m: dict, r: dict, using: str, tambah: dict[str, int]) -> None:
    renstra = (
        m["Renstra"]
        .objects.using(using)
        .create(
            satker=None,
            tahun_awal=r["tahun_awal"],
            tahun_akhir=r["tahun_akhir"],
            visi=r["visi"],
            misi="\n".join(r["misi"]),
            tujuan="\n".join(r["tujuan"]),
        )
    )
    tambah["Renstra"] += 1
    target = []
    for s in r["sasaran"]:
        sasaran = _isi(
            m["SasaranStrategis"],
            renstra=renstra,
            **{k: v for k, v in s.items() if k != "indikator"},
        )
        sasaran.save(using=using)
        tambah["SasaranStrategis"] += 1
        for i in s["indikator"]:
            ik = _isi(
                m["IndikatorKinerja"],
                sasaran=sasaran,
                **{k: v for k, v in i.items() if k != "target"},
            )
            ik.save(using=using)
            tambah["IndikatorKinerja"] += 1
            for tahun, teks in i["target"].items():
                nilai = parse_nilai(teks, jenis=i["jenis_nilai"])
                target.append(
                    m["TargetRenstra"](
                        indikator=ik,
                        tahun=int(tahun),
                        target=teks,
                        target_angka=nilai.angka if nilai else None,
                        target_kode=nilai.kode if nilai else "",
                    )
                )
    m["TargetRenstra"].objects.using(using).bulk_create(target)
    tambah["TargetRenstra"] += len(target)


# ---------------------------------------------------------------- catalogue wording and matching

UMUM = {"PROVINSI": "KPU Provinsi", "KABKOTA": "KPU Kabupaten/Kota"}
_VARIAN = re.compile(r"KPU\s*/\s*KIP\s+Kabupaten\s*/\s*Kota|KPU\s+Kabupaten\s*/\s*Kota", re.I)


def _umum_untuk(tingkat: str) -> str:
    return UMUM["PROVINSI"] if tingkat == "PROVINSI" else UMUM["KABKOTA"]


def teks_untuk_satker(teks: str, nama_satker: str, tingkat: str) -> str:
    """Catalogue wording with the office put in: "KPU Kabupaten/Kota" becomes "KPU Kabupaten
    Rejang Lebong" in a kab/kota PK, "KPU Provinsi" the province's name in a province PK."""
    if tingkat == "PROVINSI":
        return re.sub(r"KPU Provinsi(?! \w)", nama_satker, teks)
    if tingkat == "RI":
        return teks
    return _VARIAN.sub(nama_satker, teks)


@lru_cache(maxsize=8192)
def teks_umum(teks: str, nama_satker: str, tingkat: str) -> str:
    """The inverse: an office's wording with its own name generalised, normalised for matching
    (case, spaces, spaces around "/", a final full stop)."""
    teks = re.sub(r"\s+", " ", teks).strip().rstrip(".")
    if nama_satker:
        # "... di Kota Pematangsiantar": the office's area says no more than its name.
        wilayah = re.sub(r"^(KPU|KIP)\s+", "", nama_satker, flags=re.I)
        teks = re.sub(rf"\s+di\s+{re.escape(wilayah)}$", "", teks, flags=re.I)
        teks = re.sub(re.escape(nama_satker), _umum_untuk(tingkat), teks, flags=re.I)
    teks = _VARIAN.sub(UMUM["KABKOTA"], teks)
    # "... yang dimenangkan KPU Kota X" / "Nilai ... KPU Kabupaten/Kota": a trailing office name.
    teks = re.sub(r"\s+(KPU Kabupaten/Kota|KPU Provinsi)$", "", teks)
    teks = re.sub(r"\s*/\s*", "/", teks)
    return teks.casefold()


MIRIP_MIN = 0.93


class Calon(dict):
    """Catalogue entries by their generalised wording, remembering what each other wording
    matched: 553 offices write the same few dozen indicators (an import compares each once)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.cocok: dict[str, object | None] = {}


def cocokkan(teks: str, calon: dict[str, object]) -> object | None:
    """The catalogue entry whose generalised wording is `teks` (already generalised): the same
    text, else the one clearly closest (a typo, a word more), else None. `calon` maps each
    entry's generalised wording to the entry."""
    if teks in calon:
        return calon[teks]
    ingat = getattr(calon, "cocok", {})
    if teks not in ingat:
        skor = sorted(((SequenceMatcher(None, teks, k).ratio(), k) for k in calon), reverse=True)
        jelas = skor and skor[0][0] >= MIRIP_MIN
        jelas = jelas and (len(skor) == 1 or skor[1][0] < skor[0][0] - 0.03)
        ingat[teks] = calon[skor[0][1]] if jelas else None
    return ingat[teks]


def calon_katalog(indikator: Iterable) -> Calon:
    """Catalogue indicators by their generalised wording, what `cocokkan` chooses from."""
    return Calon({teks_umum(ik.nama, "", ""): ik for ik in indikator})


def indikator_baris(teks: str, nama_satker: str, tingkat: str, calon: dict) -> object | None:
    """The catalogue indicator an office's PK row measures: the one its wording matches, when
    it is offered to the office's level."""
    ik = cocokkan(teks_umum(teks, nama_satker, tingkat), calon)
    return ik if ik is not None and ik.berlaku_untuk(tingkat) else None
