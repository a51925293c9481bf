"""`python manage.py demo`: load the demo data and demo users: the curated 2022-2024 data of three
offices (fixtures/demo_2024.json) and their illustrative 2025-2026 cycle (demo/siklus.py).

Idempotent: every row is matched on its natural key and only written when a value differs, so a
second run writes nothing (and adds no history records).
"""

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction

from common.kunci import kunci_dilepas
from demo.anggaran import muat_anggaran_kinerja, rincian_baris
from demo.evaluasi import muat_evaluasi
from demo.profil import muat_profil, simpan
from demo.siklus import muat_siklus
from kinerja import models as km
from kinerja.services import baris_link_auto
from satker.models import Pejabat, Peran, Satker

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo_2024.json"
PASSWORD = "demo12345"
# Short names used in the demo usernames.
SLUG = {"1672": "pagaralam", "1602": "oki", "1272": "pematangsiantar"}
REVIEWER = {"16": "reviewer.sumsel", "12": "reviewer.sumut"}


def _tanggal(teks: str | None) -> dt.date | None:
    return dt.date.fromisoformat(teks) if teks else None


def muat_demo(data: dict) -> tuple[list[tuple[str, str, str]], int]:
    """Write the curated 2022-2024 data and the illustrative 2025-2026 cycle (demo/siklus.py;
    the national catalogue is already in place: kinerja/katalog.py). Return the demo logins as
    (username, peran, satker) and how many 2022-2024 PK rows were linked to the catalogue by
    their wording."""
    satker = _satker(data)
    logins, pengguna = _pengguna(satker)
    ketua = {kode: p[Peran.Jenis.KETUA] for kode, p in pengguna.items()}
    baris = _perjanjian(data, satker, ketua)
    _dipa(data, satker)
    terhubung = baris_link_auto(baris)
    muat_profil(satker)
    muat_anggaran_kinerja(satker)
    muat_evaluasi(satker, pengguna)
    muat_siklus(satker, pengguna)
    return logins, terhubung


def _satker(data: dict) -> dict[str, Satker]:
    for s in data["skala"]:
        skala = simpan(km.SkalaKategori, {"nama": s["nama"]})
        for batas, nama in s["tingkat"]:
            simpan(km.TingkatKategori, {"skala": skala, "nama": nama}, {"batas_bawah": batas})
    for k in data["kebijakan"]:
        simpan(
            km.KebijakanCapaian,
            {"tahun": k["tahun"], "satker": None},
            {
                "skala": km.SkalaKategori.objects.get(nama=k["skala"]),
                "rumus_turun": k["rumus_turun"],
                "batas_atas": k["batas_atas"],
            },
        )
    satker: dict[str, Satker] = {}
    for s in data["satker"]:
        nilai = {f: s[f] for f in ("nama", "tingkat", "alamat", "kota")}
        nilai["induk"] = satker[s["induk"]] if s["induk"] else None
        satker[s["kode"]] = simpan(Satker, {"kode": s["kode"]}, nilai)
    for p in data["pejabat"]:
        simpan(
            Pejabat,
            {"satker": satker[p["satker"]], "jabatan": p["jabatan"], "nama": p["nama"]},
            {"nip": p["nip"], "divisi": p["divisi"]},
        )
    return satker


def _nama_akun(jenis: str, satker: Satker) -> str:
    """The name an account shows: the official's name where the seed prints one, else the
    role and office (the seeds name no operators, and the demo invents no people)."""
    label = {"OPERATOR": "Operator", "SEKRETARIS": "Sekretaris", "KETUA": "Ketua"}
    label |= {"REVIEWER": "Reviewer", "APIP": "Inspektorat", "ADMIN": "Admin"}
    if jenis in ("KETUA", "SEKRETARIS"):
        p = Pejabat.objects.filter(satker=satker, jabatan__istartswith=jenis).first()
        if p and p.nama and "tidak tercantum" not in p.nama:
            return p.nama
    return f"{label[jenis]} {satker.nama}"


def _pengguna(satker: dict[str, Satker]) -> tuple[list, dict[str, dict[str, User]]]:
    J = Peran.Jenis
    akun = []
    for kode, slug in SLUG.items():
        for jenis in (J.OPERATOR, J.SEKRETARIS, J.KETUA):
            akun.append((f"{jenis.lower()}.{slug}", jenis, kode))
    akun += [(username, J.REVIEWER, kode) for kode, username in REVIEWER.items()]
    akun.append(("apip", J.APIP, "RI"))
    akun.append(("admin", J.ADMIN, "RI"))

    logins, pengguna = [], {}
    for username, jenis, kode in akun:
        admin = jenis == J.ADMIN
        nama = _nama_akun(jenis, satker[kode])
        user = simpan(
            User,
            {"username": username},
            {"is_staff": admin, "is_superuser": admin, "first_name": nama, "last_name": ""},
        )
        if not user.check_password(PASSWORD):
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        simpan(Peran, {"user": user, "satker": satker[kode], "jenis": jenis})
        if kode in SLUG:
            pengguna.setdefault(kode, {})[jenis] = user
        logins.append((username, J(jenis).label, satker[kode].nama))
    return logins, pengguna


def _perjanjian(data: dict, satker: dict, ketua: dict[str, User]) -> list[km.BarisPK]:
    zona = ZoneInfo(settings.TIME_ZONE)
    semua = []
    for p in data["perjanjian"]:
        tanggal = _tanggal(p["tanggal"])
        nilai = {
            f: p[f]
            for f in (
                "status",
                "pihak_pertama_nama",
                "pihak_pertama_nip",
                "pihak_pertama_jabatan",
                "pihak_kedua_nama",
                "pihak_kedua_nip",
                "pihak_kedua_jabatan",
                "tempat",
            )
        }
        nilai.update(
            tanggal=tanggal,
            ditandatangani_pada=dt.datetime.combine(tanggal, dt.time(10), tzinfo=zona),
            ditandatangani_oleh=ketua.get(p["satker"]),
        )
        pk = simpan(
            km.PerjanjianKinerja,
            {
                "satker": satker[p["satker"]],
                "tahun": p["tahun"],
                "jenis": p["jenis"],
                "versi": p["versi"],
            },
            nilai,
        )
        for b in p["baris"]:
            nilai = {
                f: b[f]
                for f in (
                    "urutan",
                    "sasaran",
                    "indikator",
                    "satuan",
                    "jenis_nilai",
                    "arah",
                    "agregasi",
                    "target",
                )
            }
            baris = simpan(km.BarisPK, {"perjanjian": pk, "no": b["no"]}, nilai)
            semua.append(baris)
            for periode, teks in b["target_triwulan"].items():
                simpan(km.TargetTriwulan, {"baris": baris, "periode": periode}, {"teks": teks})
            for r in b["realisasi"]:
                simpan(
                    km.Realisasi,
                    {"baris": baris, "periode": r["periode"]},
                    {
                        "teks": r["teks"],
                        "kendala": r["kendala"],
                        "tindak_lanjut": r["tindak_lanjut"],
                        "bukti_catatan": r.get("bukti_catatan", ""),
                    },
                )
        for urutan, a in enumerate(p["anggaran"]):
            simpan(
                km.AnggaranPK,
                {"perjanjian": pk, "program": a["program"]},
                {"jumlah": a["jumlah"], "urutan": urutan},
            )
    return semua


def _dipa(data: dict, satker: dict) -> None:
    kegiatan = {(k.program.kode, k.kode): k for k in km.Kegiatan.objects.select_related("program")}
    for d in data["dipa"]:
        dipa = simpan(
            km.Dipa, {"satker": satker[d["satker"]], "tahun": d["tahun"]}, {"nomor": d["nomor"]}
        )
        for r in d["revisi"]:
            simpan(
                km.RevisiDipa,
                {"dipa": dipa, "label": r["label"]},
                {"tanggal": _tanggal(r["tanggal"]), "pagu": r["pagu"], "urutan": r["urutan"]},
            )
        for b in rincian_baris(d["satker"], d["tahun"], d["baris"]):
            simpan(
                km.BarisAnggaran,
                {
                    "dipa": dipa,
                    "program": kegiatan[(b["program"], b["kegiatan"])].program,
                    "kegiatan": kegiatan[(b["program"], b["kegiatan"])],
                    "output_kode": b["output_kode"],
                    "akun_kode": b["akun_kode"],
                    "sumber": b["sumber"],
                },
                {
                    "output_nama": b["output_nama"],
                    "pagu": b["pagu"],
                    "realisasi": b["realisasi"],
                    "sumber_realisasi": b["sumber_realisasi"],
                    "per_tanggal": _tanggal(b["per_tanggal"]),
                    "urutan": b["urutan"],
                },
            )


class Command(BaseCommand):
    help = (
        "Memuat data demo (tiga satker, 2022-2026; 2025-2026 ilustratif) dan akun demo. Aman "
        "dijalankan berulang kali."
    )

    def handle(self, *args, **options) -> None:
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        with transaction.atomic(), kunci_dilepas("muat data demo"):
            logins, terhubung = muat_demo(data)
        self.stdout.write(self.style.SUCCESS("Data demo dimuat."))
        if terhubung:
            self.stdout.write(f"{terhubung} baris PK dihubungkan ke katalog nasional.")
        self.stdout.write("")
        kolom = ("Nama pengguna", "Kata sandi", "Peran", "Satker")
        baris = [(u, PASSWORD, peran, s) for u, peran, s in logins]
        lebar = [max(len(r[i]) for r in [kolom, *baris]) for i in range(len(kolom))]
        garis = "  ".join("-" * w for w in lebar)
        for i, r in enumerate([kolom, *baris]):
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(r, lebar, strict=True)).rstrip())
            if i == 0:
                self.stdout.write(garis)
