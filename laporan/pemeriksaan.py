"""Consistency checks before a report is final (domain.md section 8, the classes from data).

Pure functions over the built report: each finding has a stable key (the same finding keeps its
key between renders, so a written justification stays attached), a message in Bahasa Indonesia
and a link to where it is fixed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse

from common import format as fmt
from kinerja.anggaran import kode_program
from laporan.data import Anggaran, Laporan
from laporan.narasi import narasi_terisi, tanpa_placeholder


@dataclass(frozen=True)
class Temuan:
    kunci: str
    jenis: str
    pesan: str
    tautan: str


@dataclass(frozen=True)
class BarisPeriksa:
    """A PK row as the data checks read it."""

    id: int
    jenis_pk: str
    no: str
    indikator: str
    ada_realisasi: bool


@dataclass(frozen=True)
class DataPeriksa:
    """What the data checks read of one satker and year: from the report, or from a rekap."""

    kode: str
    tahun: int
    jenis_pk: frozenset[str]
    baris: list[BarisPeriksa]
    anggaran: Anggaran | None


def data_periksa(lap: Laporan) -> DataPeriksa:
    return DataPeriksa(
        kode=lap.kode,
        tahun=lap.tahun,
        jenis_pk=frozenset(p.jenis for p in lap.pk),
        baris=[
            BarisPeriksa(b.id, b.jenis_pk, b.no, b.indikator, b.realisasi is not None)
            for b in lap.semua_baris
        ],
        anggaran=lap.anggaran,
    )


def periksa_data(daftar: Iterable[DataPeriksa]) -> dict[str, list[Temuan]]:
    """The data checks of many satker, by satker code, from already-fetched data.

    Both PKs exist and each indicator has a realisasi; the budget lines add up to the latest DIPA
    total, no line is above its pagu or below 1/100 of it; the DIPA revisions are dated in order
    and in the year. The report (`periksa_laporan`) and the rekap use this one function.
    """
    return {d.kode: _cek_pk(d) + _cek_anggaran(d) + _cek_tanggal_revisi(d) for d in daftar}


def periksa_laporan(lap: Laporan) -> list[Temuan]:
    return periksa_data([data_periksa(lap)])[lap.kode]


def _cek_pk(d: DataPeriksa) -> list[Temuan]:
    hasil = []
    for jenis, label in (("KPU", "PK Komisioner (KPU)"), ("SEKRETARIAT", "PK Sekretariat")):
        if jenis not in d.jenis_pk:
            hasil.append(
                Temuan(
                    f"pk_tidak_ada:{jenis}",
                    "Perjanjian Kinerja",
                    f"{label} Tahun {d.tahun} belum dicatat.",
                    reverse("kinerja:pk_create", args=[d.kode]),
                )
            )
    kosong = [b for b in d.baris if not b.ada_realisasi]
    tautan = reverse("kinerja:realisasi_grid", args=[d.kode, d.tahun, "TW4"]) if kosong else ""
    hasil += [
        Temuan(
            f"realisasi_kosong:{b.id}",
            "Indikator PK tanpa realisasi",
            f"PK {b.jenis_pk} No. {b.no} “{b.indikator}” belum memiliki realisasi.",
            tautan,
        )
        for b in kosong
    ]
    return hasil


def _cek_anggaran(d: DataPeriksa) -> list[Temuan]:
    a = d.anggaran
    if a is None:
        return [
            Temuan(
                "dipa_tidak_ada",
                "Anggaran",
                f"DIPA Tahun {d.tahun} belum dicatat.",
                reverse("kinerja:anggaran_detail", args=[d.kode, d.tahun]),
            )
        ]
    hasil = []
    if not a.revisi:
        hasil.append(
            Temuan(
                f"dipa_tanpa_revisi:{a.dipa_id}",
                "Anggaran",
                "DIPA belum memiliki DIPA awal/revisi dengan total pagu.",
                reverse("kinerja:anggaran_detail", args=[d.kode, d.tahun]),
            )
        )
    elif a.selisih_dipa:
        terakhir = a.revisi[-1]
        hasil.append(
            Temuan(
                f"jumlah_dipa:{a.dipa_id}:{terakhir.id}",
                "Jumlah anggaran",
                f"Jumlah pagu baris anggaran {fmt.rupiah(a.total.pagu)} tidak sama dengan "
                f"total {terakhir.label} ({fmt.tanggal(terakhir.tanggal)}) "
                f"{fmt.rupiah(terakhir.pagu)}.",
                reverse("kinerja:anggaran_detail", args=[d.kode, d.tahun]),
            )
        )
    for b in a.baris:
        nama = f"{b.program_kode} {b.kegiatan_kode} {b.output} {b.akun}".strip()
        if b.realisasi > b.pagu:
            hasil.append(
                Temuan(
                    f"realisasi_melebihi_pagu:{b.id}",
                    "Realisasi di atas pagu",
                    f"Baris anggaran {nama}: realisasi {fmt.rupiah(b.realisasi)} melebihi pagu "
                    f"{fmt.rupiah(b.pagu)}.",
                    reverse("kinerja:baris_anggaran_update", args=[b.id]),
                )
            )
        elif b.realisasi > 0 and b.realisasi * 100 < b.pagu:
            hasil.append(
                Temuan(
                    f"realisasi_terlalu_kecil:{b.id}",
                    "Kemungkinan nol hilang",
                    f"Baris anggaran {nama}: realisasi {fmt.rupiah(b.realisasi)} kurang dari "
                    f"1/100 pagu {fmt.rupiah(b.pagu)}; periksa apakah ada angka nol yang hilang.",
                    reverse("kinerja:baris_anggaran_update", args=[b.id]),
                )
            )
    return hasil


def _cek_tanggal_revisi(d: DataPeriksa) -> list[Temuan]:
    """DIPA revisions in order and within the year."""
    if d.anggaran is None:
        return []
    hasil = []
    akhir_tahun = dt.date(d.tahun, 12, 31)
    sebelumnya = None
    for r in d.anggaran.revisi:
        if sebelumnya and r.tanggal < sebelumnya.tanggal:
            hasil.append(
                Temuan(
                    f"tanggal_revisi:{r.id}",
                    "Tanggal tidak berurutan",
                    f"{r.label} bertanggal {fmt.tanggal(r.tanggal)}, sebelum "
                    f"{sebelumnya.label} ({fmt.tanggal(sebelumnya.tanggal)}).",
                    reverse("kinerja:revisi_dipa_update", args=[r.id]),
                )
            )
        if r.tanggal > akhir_tahun or r.tanggal.year < d.tahun - 1:
            hasil.append(
                Temuan(
                    f"tanggal_revisi_tahun:{r.id}",
                    "Tanggal di luar tahun anggaran",
                    f"{r.label} bertanggal {fmt.tanggal(r.tanggal)}, di luar Tahun Anggaran "
                    f"{d.tahun}.",
                    reverse("kinerja:revisi_dipa_update", args=[r.id]),
                )
            )
        sebelumnya = r
    return hasil


def cek_tanggal(lap: Laporan) -> list[Temuan]:
    """PKs dated in their year; a signer named; the report dated after the year."""
    hasil = []
    akhir_tahun = dt.date(lap.tahun, 12, 31)
    for pk in lap.pk:
        if pk.tanggal and (pk.tanggal > akhir_tahun or pk.tanggal.year < lap.tahun - 1):
            hasil.append(
                Temuan(
                    f"tanggal_pk:{pk.id}",
                    "Tanggal di luar tahun",
                    f"{pk.label} Tahun {lap.tahun} bertanggal {fmt.tanggal(pk.tanggal)}.",
                    reverse("kinerja:pk_detail", args=[pk.id]),
                )
            )
    if not lap.penandatangan.nama:
        hasil.append(
            Temuan(
                "penandatangan",
                "Penandatangan",
                "Nama Ketua yang menandatangani laporan belum tercatat (pejabat satker atau "
                "pihak pertama PK Komisioner).",
                reverse("satker:detail", args=[lap.kode]),
            )
        )
    if lap.tanggal <= akhir_tahun:
        hasil.append(
            Temuan(
                "tanggal_laporan",
                "Tanggal laporan",
                f"Laporan Tahun {lap.tahun} ditandatangani {fmt.tanggal(lap.tanggal)}, sebelum "
                f"tahun yang dilaporkan berakhir.",
                "",
            )
        )
    return hasil


_TAHUN = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d.,]\d)")
_RENTANG = re.compile(r"(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}")
_NOMOR = re.compile(r"(?:nomor|no\.?)\s*[\w./-]+\s+tahun\s*$", re.IGNORECASE)
_WILAYAH = re.compile(r"\b(Kota|Kabupaten|Kab\.|Provinsi|KOTA|KABUPATEN|PROVINSI)\s+([A-Z][\w-]+)")
_ANGKA = re.compile(r"\d+(?:[.,]\d+)*\s*%|\bRp\.?\s*\d")


def _wilayah_sendiri(lap: Laporan) -> set[str]:
    """First words of the own office's and own province's place names, lower case."""
    hasil = set()
    for nama in (lap.wilayah, lap.provinsi.replace("KPU ", "").replace("KIP ", "")):
        kata = nama.split()
        if len(kata) > 1:
            hasil.add(kata[1].lower())
    return hasil


def _tahun_asing(teks: str, lap: Laporan) -> list[str]:
    teks = _RENTANG.sub(" ", teks)
    boleh = {lap.tahun, lap.tahun + 1}
    if lap.renstra:
        boleh |= {lap.renstra.tahun_awal, lap.renstra.tahun_akhir}
    asing = []
    for m in _TAHUN.finditer(teks):
        tahun = int(m.group(1))
        if tahun in boleh or _NOMOR.search(teks[max(0, m.start() - 40) : m.start()]):
            continue
        if m.group(1) not in asing:
            asing.append(m.group(1))
    return asing


def _kantor_asing(teks: str, lap: Laporan) -> list[str]:
    sendiri = _wilayah_sendiri(lap)
    asing = []
    for m in _WILAYAH.finditer(teks):
        kata = m.group(2).lower()
        if any(kata.startswith(s) or s.startswith(kata) for s in sendiri):
            continue
        nama = f"{m.group(1)} {m.group(2)}"
        if nama not in asing:
            asing.append(nama)
    return asing


def cek_narasi(lap: Laporan) -> list[Temuan]:
    """Text naming another office or year, typed figures, bad placeholders, unreviewed copies."""
    hasil = []
    for kunci, t in narasi_terisi(lap).items():
        tautan = reverse("laporan:narasi_ubah", args=[lap.kode, lap.tahun, kunci])
        ketikan = tanpa_placeholder(t.mentah)

        def temuan(jenis: str, kelas: str, pesan: str, t=t, kunci=kunci, tautan=tautan) -> None:
            hasil.append(Temuan(f"{jenis}:{kunci}", kelas, f"{t.judul}: {pesan}", tautan))

        if t.galat:
            temuan("placeholder", "Isian otomatis bermasalah", "; ".join(t.galat))
        if t.disalin_dari:
            temuan(
                "narasi_disalin",
                "Narasi belum ditinjau",
                f"teks disalin dari laporan tahun {t.disalin_dari} dan belum ditinjau.",
            )
        kantor = _kantor_asing(ketikan, lap)
        if kantor:
            temuan("kantor_lain", "Nama kantor lain", f"menyebut {', '.join(kantor)}.")
        tahun = _tahun_asing(ketikan, lap)
        if tahun:
            temuan(
                "tahun_lain",
                "Tahun lain",
                f"menyebut tahun {', '.join(tahun)} dalam laporan Tahun {lap.tahun}; "
                "gunakan {{tahun}} atau {{tahun_lalu}} bila memang dimaksudkan.",
            )
        angka = _ANGKA.findall(ketikan)
        if angka:
            temuan(
                "angka_diketik",
                "Angka diketik pada narasi",
                f"memuat angka yang diketik langsung ({', '.join(a.strip() for a in angka[:3])}); "
                "gunakan isian otomatis agar teks sama dengan tabel.",
            )
    return hasil


def cek_anggaran_kinerja(lap: Laporan) -> list[Temuan]:
    """The budget tied to performance (issue 17): each PK program budget against the DIPA's
    pagu of that program when the PK was signed; a budget line shared out over 100%; an
    output's monthly realisasi against its lines; a revision's lines against its total."""
    a = lap.anggaran
    if a is None:
        return []
    hasil = []
    tautan_anggaran = reverse("kinerja:anggaran_detail", args=[lap.kode, lap.tahun])
    program = {kode: nama for kode, nama, _, _ in a.per_program}
    for pk in lap.pk:
        tanggal = pk.tanggal or dt.date(lap.tahun, 12, 31)
        berlaku = next((r for r in reversed(a.revisi) if r.tanggal <= tanggal), None)
        if berlaku is not None and berlaku.baris.per_program:
            pagu, dasar = (
                berlaku.baris.per_program,
                f"{berlaku.label} ({fmt.tanggal(berlaku.tanggal)}), yang berlaku saat PK "
                "ditandatangani",
            )
        else:
            pagu, dasar = {k: t.pagu for k, _, t, _ in a.per_program}, "DIPA terakhir"
        for x in pk.anggaran:
            kode = kode_program(x.program, program)
            if kode is None:
                pesan = (
                    f"{pk.label}: program '{x.program}' tidak ada dalam DIPA {lap.tahun}; pilih "
                    "program dari DIPA."
                )
            elif x.jumlah != pagu.get(kode, 0):
                pesan = (
                    f"{pk.label}: anggaran {kode} {fmt.rupiah(x.jumlah)} berbeda dengan pagu "
                    f"program itu pada {dasar}: {fmt.rupiah(pagu.get(kode, 0))} (selisih "
                    f"{fmt.rupiah(x.jumlah - pagu.get(kode, 0))})."
                )
            else:
                continue
            hasil.append(
                Temuan(
                    f"anggaran_pk_dipa:{pk.id}:{kode or x.program}:{x.jumlah}",
                    "Anggaran PK dan DIPA",
                    pesan,
                    reverse("kinerja:pk_detail", args=[pk.id]),
                )
            )
    for b in a.baris:
        porsi = lap.porsi_baris.get(b.id, 0)
        if porsi > 100:
            hasil.append(
                Temuan(
                    f"porsi_baris:{b.id}",
                    "Anggaran dibagi lebih dari 100%",
                    f"Baris anggaran {b.kode} {b.akun} ditautkan ke sasaran dengan porsi "
                    f"seluruhnya {fmt.angka(porsi)}%; jumlah porsi tidak boleh di atas 100%.",
                    tautan_anggaran,
                )
            )
    for r in lap.ro:
        if r.bulan and r.uang_bulanan != r.anggaran.realisasi:
            hasil.append(
                Temuan(
                    f"ro_uang:{r.id}",
                    "Realisasi RO dan baris anggaran",
                    f"Output {r.kode}: realisasi bulanan RO berjumlah "
                    f"{fmt.rupiah(r.uang_bulanan)}, "
                    f"baris anggarannya {fmt.rupiah(r.anggaran.realisasi)}.",
                    reverse("kinerja:output_ro", args=[r.id]),
                )
            )
    for r in a.revisi:
        if r.baris.jumlah_baris is not None and r.baris.jumlah_baris != r.pagu:
            hasil.append(
                Temuan(
                    f"revisi_baris:{r.id}",
                    "Jumlah baris revisi DIPA",
                    f"{r.label}: jumlah pagu baris setelah revisi "
                    f"{fmt.rupiah(r.baris.jumlah_baris)} "
                    f"tidak sama dengan total pagu revisi {fmt.rupiah(r.pagu)}.",
                    reverse("kinerja:revisi_dipa_baris", args=[r.id]),
                )
            )
    return hasil


PEMERIKSAAN: list[Callable[[Laporan], list[Temuan]]] = [
    periksa_laporan,
    cek_tanggal,
    cek_anggaran_kinerja,
    cek_narasi,
]


def periksa(lap: Laporan) -> list[Temuan]:
    """Every finding of the report, in the order of the checks."""
    return [t for cek in PEMERIKSAAN for t in cek(lap)]


def belum_dijustifikasi(lap: Laporan, temuan: list[Temuan]) -> list[Temuan]:
    return [t for t in temuan if not lap.justifikasi.get(t.kunci, None)]
