"""The numbered tables of the report, built from the report data (one source for HTML, PDF, XLSX).

Tables are numbered per chapter in the order they appear; a table without data is left out and
the numbers close up.
"""

from __future__ import annotations

from collections.abc import Callable

from common import format as fmt
from common.tabel import Sel, Tabel
from kinerja import capaian as engine
from laporan.data import BarisUkur, DataPK, IsiLaporan, Laporan


def _sel_capaian(b: BarisUkur) -> Sel:
    return Sel(
        b.capaian,
        "persen",
        kosong=b.keterangan or engine.BELUM_ADA_REALISASI,
        tanda="*" if b.dibatasi else "",
    )


def _kelompok_sasaran(baris: list[BarisUkur], isi: Callable[[BarisUkur], list[Sel]]) -> list:
    """Rows with the sasaran cell merged over its indicators (as the seeds print them)."""
    hasil = []
    for i, b in enumerate(baris):
        sama = i > 0 and " ".join(baris[i - 1].sasaran.split()) == " ".join(b.sasaran.split())
        if sama:
            sasaran = None
        else:
            n = 1
            while i + n < len(baris) and " ".join(baris[i + n].sasaran.split()) == " ".join(
                b.sasaran.split()
            ):
                n += 1
            sasaran = Sel(b.sasaran, rowspan=n)
        hasil.append([Sel(b.no), sasaran, *isi(b)])
    return hasil


def tabel_pk(pk: DataPK, tahun: int, wilayah: str) -> Tabel:
    return Tabel(
        "",
        f"Perjanjian Kinerja {pk.label} Tahun {tahun}",
        ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"],
        _kelompok_sasaran(pk.baris, lambda b: [Sel(b.indikator), Sel(b.target)]),
        lebar=[6, 36, 44, 14],
    )


def _tabel_rkt(pk: DataPK, lap: Laporan) -> Tabel:
    """The Rencana Kinerja Tahunan: the PK's rows with the activities planned for each."""
    catatan = []
    if pk.anggaran:
        program = "; ".join(f"{a.program} {fmt.rupiah(a.jumlah)}" for a in pk.anggaran)
        catatan.append(f"Anggaran: {program}.")
    return Tabel(
        "",
        f"Rencana Kinerja Tahunan {pk.label} Tahun {lap.tahun}",
        ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Rencana Kegiatan"],
        _kelompok_sasaran(
            pk.baris,
            lambda b: [
                Sel(b.indikator),
                Sel(b.target),
                Sel("; ".join(a.kegiatan for a in lap.rencana_aksi.get(b.id, [])), kosong="–"),
            ],
        ),
        catatan=catatan,
        lebar=[6, 26, 30, 10, 28],
    )


def _tabel_rencana_aksi(pk: DataPK, lap: Laporan) -> Tabel | None:
    """The Rencana Aksi Kinerja as the real RAK prints it: one line per activity."""
    baris = []
    for b in pk.baris:
        aksi = lap.rencana_aksi.get(b.id, [])
        for i, a in enumerate(aksi):
            awal = i == 0
            n = len(aksi)
            baris.append(
                [
                    Sel(b.no, rowspan=n) if awal else None,
                    Sel(b.sasaran, rowspan=n) if awal else None,
                    Sel(b.indikator, rowspan=n) if awal else None,
                    Sel(b.target, rowspan=n) if awal else None,
                    Sel(a.kegiatan),
                    *(Sel("✓" if t else "", kosong="") for t in a.triwulan),
                    Sel(a.pelaksana, kosong="–"),
                ]
            )
    if not baris:
        return None
    return Tabel(
        "",
        f"Rencana Aksi {pk.label} Tahun {lap.tahun}",
        [
            "No",
            "Sasaran",
            "Indikator",
            "Target",
            "Kegiatan",
            "TW I",
            "TW II",
            "TW III",
            "TW IV",
            "Pelaksana",
        ],
        baris,
        lebar=[5, 16, 18, 8, 21, 5, 5, 5, 5, 12],
    )


def _tabel_anggaran_pk(pk: DataPK, tahun: int) -> Tabel:
    return Tabel(
        "",
        f"Anggaran Program pada {pk.label} Tahun {tahun}",
        ["No", "Program", "Anggaran"],
        [
            [Sel(str(i)), Sel(a.program), Sel(a.jumlah, "rupiah")]
            for i, a in enumerate(pk.anggaran, 1)
        ],
        kaki=[[Sel(""), Sel("Jumlah", tebal=True), Sel(pk.total_anggaran, "rupiah", tebal=True)]],
        lebar=[6, 64, 30],
    )


def _tabel_ukur(pk: DataPK, lap: Laporan) -> Tabel:
    catatan = [
        "Capaian indikator arah naik = realisasi / target × 100. "
        "Capaian dibulatkan setengah ke atas pada dua desimal."
    ]
    turun = [b for b in pk.baris if b.arah == engine.Arah.TURUN]
    for rumus in sorted({b.rumus for b in turun}):
        nomor = ", ".join(b.no for b in turun if b.rumus == rumus)
        catatan.append(f"Indikator arah turun (makin rendah makin baik), No. {nomor}: {rumus}.")
    dibatasi = [b.no for b in pk.baris if b.dibatasi]
    if dibatasi:
        catatan.append(
            f"* Capaian No. {', '.join(dibatasi)} dibatasi pada batas atas "
            f"{lap.kebijakan.batas_atas:.0f}% sesuai kebijakan capaian tahun {lap.tahun}."
        )
    elif lap.kebijakan.batas_atas is None:
        catatan.append("Capaian tidak dibatasi (tanpa batas atas).")
    skala = ", ".join(
        f"{nama} ≥ {batas:.0f}" for batas, nama in sorted(lap.kebijakan.skala, reverse=True)
    )
    catatan.append(f"Kategori (skala {lap.kebijakan.nama_skala}): {skala}.")
    r = pk.ringkasan
    return Tabel(
        "",
        f"Pengukuran Kinerja {pk.label} Tahun {lap.tahun}",
        [
            "No",
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Kategori",
        ],
        _kelompok_sasaran(
            pk.baris,
            lambda b: [
                Sel(b.indikator),
                Sel(b.target),
                Sel(b.realisasi, kosong=engine.BELUM_ADA_REALISASI),
                _sel_capaian(b),
                Sel(b.kategori, kosong="–"),
            ],
        ),
        kaki=[
            [
                Sel(""),
                Sel(
                    f"Rata-rata capaian kinerja ({r.dihitung} dari {r.jumlah} indikator dihitung)",
                    tebal=True,
                ),
                Sel(""),
                Sel(""),
                Sel(""),
                Sel(r.rata_rata, "persen", tebal=True),
                Sel(engine.kategori(r.rata_rata, lap.kebijakan.skala), tebal=True),
            ]
        ],
        catatan=catatan,
        lebar=[5, 24, 29, 10, 11, 11, 10],
    )


def _tabel_renstra(lap: Laporan) -> Tabel | None:
    r = lap.renstra
    if r is None or not any(s.indikator for s in r.sasaran):
        return None
    tahun = list(range(r.tahun_awal, r.tahun_akhir + 1))
    baris = []
    for s in r.sasaran:
        for j, (kode, nama, target) in enumerate(s.indikator):
            baris.append(
                [
                    Sel(kode),
                    Sel(s.nama, rowspan=len(s.indikator)) if j == 0 else None,
                    Sel(nama),
                    *[Sel(target.get(t, ""), kosong="–") for t in tahun],
                ]
            )
    return Tabel(
        "",
        f"Target Kinerja Renstra {r.tahun_awal}–{r.tahun_akhir}",
        ["Kode", "Sasaran Strategis", "Indikator Kinerja", *[str(t) for t in tahun]],
        baris,
        catatan=["Renstra nasional KPU yang diadopsi satker."] if r.nasional else [],
    )


def _tabel_riwayat(lap: Laporan) -> Tabel | None:
    if not lap.riwayat:
        return None
    tahun = lap.tahun_riwayat[-3:]
    kolom = ["No", "Indikator Kinerja"]
    for t in tahun:
        kolom += [f"Realisasi {t}", f"Capaian {t} (%)"]
    kolom += [f"Realisasi {lap.tahun}", f"Capaian {lap.tahun} (%)"]
    baris = []
    for r in lap.riwayat:
        per_tahun = {n.tahun: n for n in r.tahun_lalu}
        sel = [Sel(f"{r.baris.no}"), Sel(r.baris.indikator)]
        for t in tahun:
            n = per_tahun.get(t)
            sel += [
                Sel(n.realisasi if n else None, kosong="–"),
                Sel(n.capaian if n else None, "persen", kosong=n.keterangan if n else "–"),
            ]
        sel += [Sel(r.baris.realisasi, kosong=engine.BELUM_ADA_REALISASI), _sel_capaian(r.baris)]
        baris.append(sel)
    return Tabel(
        "",
        f"Perbandingan Realisasi dan Capaian Kinerja Tahun {tahun[0]}–{lap.tahun}",
        kolom,
        baris,
        catatan=["Capaian tiap tahun dihitung dengan kebijakan capaian tahun tersebut."],
    )


def _tabel_akip(lap: Laporan) -> Tabel | None:
    """The history of the office's AKIP grade (final LKE), by the year it was announced."""
    if not lap.riwayat_akip:
        return None
    return Tabel(
        "",
        "Riwayat Nilai Akuntabilitas Kinerja (Hasil Evaluasi AKIP)",
        ["Tahun Dievaluasi", "Tahun Diumumkan", "Nilai", "Predikat"],
        [
            [
                Sel(f"{r.tahun}"),
                Sel(f"{r.tahun_pengumuman}"),
                Sel(r.nilai, "angka"),
                Sel(r.predikat),
            ]
            for r in lap.riwayat_akip
        ],
        catatan=[
            "Nilai dan predikat dari LKE final; predikat yang diumumkan pada suatu tahun adalah "
            "realisasi indikator Nilai Akuntabilitas Kinerja pada PK tahun itu."
        ],
        lebar=[20, 20, 20, 20],
    )


def _tabel_progres(lap: Laporan) -> Tabel | None:
    if not lap.progres:
        return None
    return Tabel(
        "",
        f"Kemajuan Capaian terhadap Target Akhir Renstra ({lap.progres[0].tahun_akhir})",
        [
            "No",
            "Indikator Kinerja",
            "Target Akhir Renstra",
            f"Realisasi {lap.tahun}",
            "Capaian (%)",
        ],
        [
            [
                Sel(p.baris.no),
                Sel(p.baris.indikator),
                Sel(p.target_akhir),
                Sel(p.baris.realisasi, kosong=engine.BELUM_ADA_REALISASI),
                Sel(p.capaian, "persen", kosong=p.keterangan),
            ]
            for p in lap.progres
        ],
        catatan=["Capaian di sini: realisasi tahun ini dibandingkan target tahun akhir Renstra."],
        lebar=[6, 46, 16, 16, 16],
    )


def _tabel_pembanding(lap: Laporan) -> Tabel | None:
    """Each catalogue indicator against the same indicator of the province and the nation."""
    baris = [
        (b, lap.pembanding[b.kode_indikator])
        for b in lap.semua_baris
        if b.kode_indikator in lap.pembanding
        and lap.pembanding[b.kode_indikator].jumlah_nasional > 1
    ]
    if not baris:
        return None
    return Tabel(
        "",
        f"Capaian Dibandingkan dengan Satker Lain Tahun {lap.tahun}",
        [
            "No",
            "Kode",
            "Indikator Kinerja",
            "Capaian (%)",
            "Rata-rata Provinsi (%)",
            "Peringkat di Provinsi",
            "Rata-rata Nasional (%)",
            "Jumlah Satker",
        ],
        [
            [
                Sel(b.no),
                Sel(p.kode),
                Sel(b.indikator),
                Sel(p.capaian, "persen", kosong=b.keterangan),
                Sel(p.rata_provinsi, "persen", kosong="–"),
                Sel(f"{p.peringkat} dari {p.jumlah_provinsi}" if p.peringkat else "–"),
                Sel(p.rata_nasional, "persen", kosong="–"),
                Sel(p.jumlah_nasional, "angka"),
            ]
            for b, p in baris
        ],
        catatan=[
            "Dibandingkan menurut kode katalog nasional, dengan PK terakhir setiap satker pada "
            "tahun yang sama; rata-rata dari capaian yang dapat dihitung."
        ],
        lebar=[6, 9, 37, 10, 11, 10, 11, 8],
    )


def _tabel_efisiensi(lap: Laporan) -> Tabel | None:
    if not lap.efisiensi:
        return None
    return Tabel(
        "",
        f"Capaian Kinerja dan Serapan Anggaran Tahun {lap.tahun}",
        [
            "Uraian",
            "Capaian Kinerja (%)",
            "Serapan Anggaran (%)",
            "Selisih (poin)",
            "Efisiensi",
        ],
        [
            [
                Sel(e.uraian),
                Sel(e.capaian, "persen"),
                Sel(e.serapan, "persen"),
                Sel(e.efisiensi.selisih if e.efisiensi else None, "angka"),
                Sel(e.efisiensi.label if e.efisiensi else "tidak dapat dihitung"),
            ]
            for e in lap.efisiensi
        ],
        catatan=[
            "Serapan anggaran adalah realisasi / pagu × 100 dan bukan capaian kinerja. "
            "Selisih = capaian kinerja − serapan anggaran: di atas +5 poin efisien, "
            "−5 sampai +5 cukup efisien, di bawah −5 tidak efisien."
        ],
        lebar=[36, 16, 16, 14, 18],
    )


def _tabel_anggaran(lap: Laporan) -> Tabel | None:
    a = lap.anggaran
    if a is None:
        return None
    baris = []
    for kode, nama, t, kegiatan in a.per_program:
        baris.append(
            [
                Sel(kode, tebal=True),
                Sel(nama, tebal=True),
                Sel(t.pagu, "rupiah", tebal=True),
                Sel(t.realisasi, "rupiah", tebal=True),
                Sel(t.serapan, "persen", tebal=True),
                Sel(t.sisa, "rupiah", tebal=True),
            ]
        )
        for k_kode, k_nama, kt in kegiatan:
            baris.append(
                [
                    Sel(k_kode),
                    Sel(k_nama),
                    Sel(kt.pagu, "rupiah"),
                    Sel(kt.realisasi, "rupiah"),
                    Sel(kt.serapan, "persen"),
                    Sel(kt.sisa, "rupiah"),
                ]
            )
    return Tabel(
        "",
        f"Realisasi Anggaran per Program dan Kegiatan Tahun {lap.tahun}",
        ["Kode", "Program / Kegiatan", "Pagu", "Realisasi", "Serapan (%)", "Sisa"],
        baris,
        kaki=[
            [
                Sel(""),
                Sel("Jumlah", tebal=True),
                Sel(a.total.pagu, "rupiah", tebal=True),
                Sel(a.total.realisasi, "rupiah", tebal=True),
                Sel(a.total.serapan, "persen", tebal=True),
                Sel(a.total.sisa, "rupiah", tebal=True),
            ]
        ],
        catatan=[
            "Pagu APBN menurut revisi DIPA terakhir"
            + ("; pagu hibah menurut NPHD" if a.hibah else "")
            + "; serapan = realisasi / pagu × 100."
        ],
        lebar=[10, 34, 16, 16, 9, 15],
    )


def _tabel_revisi(lap: Laporan) -> Tabel | None:
    a = lap.anggaran
    if a is None or not a.revisi:
        return None
    baris, sebelum = [], None
    for i, r in enumerate(a.revisi, 1):
        baris.append(
            [
                Sel(str(i)),
                Sel(r.label),
                Sel(r.tanggal, "tanggal"),
                Sel(r.pagu, "rupiah"),
                Sel(r.pagu - sebelum if sebelum is not None else None, "rupiah"),
                Sel(len(r.baris.perubahan) if r.baris.dicatat else None, "angka", kosong="–"),
            ]
        )
        sebelum = r.pagu
    catatan = [f"Nomor DIPA: {a.nomor}."] if a.nomor else []
    if any(r.baris.dicatat for r in a.revisi):
        catatan.append(
            "Baris berubah: jumlah baris anggaran yang pagunya diubah oleh revisi itu "
            "(rinciannya pada tabel berikut); – : baris revisi belum dicatat."
        )
    return Tabel(
        "",
        f"Revisi DIPA Tahun {lap.tahun}",
        ["No", "DIPA / Revisi", "Tanggal", "Total Pagu", "Perubahan Total", "Baris Berubah"],
        baris,
        catatan=catatan,
        lebar=[6, 22, 18, 20, 20, 14],
    )


def _tabel_revisi_baris(lap: Laporan) -> Tabel | None:
    """The lines each revision changed, with their pagu before and after."""
    a = lap.anggaran
    if a is None:
        return None
    baris = []
    for r in a.revisi:
        ubah = [p for p in r.baris.perubahan if p.sebelum is not None]
        for i, p in enumerate(ubah):
            label = (
                Sel(f"{r.label} ({fmt.tanggal(r.tanggal)})", rowspan=len(ubah)) if i == 0 else None
            )
            baris.append(
                [
                    label,
                    Sel(p.kunci),
                    Sel(p.sebelum, "rupiah"),
                    Sel(p.sesudah, "rupiah"),
                    Sel(p.selisih, "rupiah"),
                ]
            )
    if not baris:
        return None
    awal = next((r for r in a.revisi if r.baris.dicatat), None)
    catatan = [
        "Kode baris: program.kegiatan.output.akun. Pagu sebelum = pagu baris itu pada revisi "
        "sebelumnya yang mencatatnya."
    ]
    if awal is not None:
        catatan.append(f"{awal.label} mencatat {awal.baris.dicatat} baris anggaran.")
    return Tabel(
        "",
        f"Perubahan Baris Anggaran per Revisi DIPA Tahun {lap.tahun}",
        ["Revisi", "Baris Anggaran", "Pagu Sebelum", "Pagu Sesudah", "Selisih"],
        baris,
        catatan=catatan,
        lebar=[20, 32, 16, 16, 16],
    )


def _baris_total(uraian: list[Sel], t: engine.Total, tebal: bool = False) -> list[Sel]:
    return [
        *uraian,
        Sel(t.pagu, "rupiah", tebal=tebal),
        Sel(t.realisasi, "rupiah", tebal=tebal),
        Sel(t.serapan, "persen", tebal=tebal),
        Sel(t.sisa, "rupiah", tebal=tebal),
    ]


def _tabel_akun(lap: Laporan) -> Tabel | None:
    """Realisasi per akun group (51 pegawai, 52 barang, 53 modal)."""
    a = lap.anggaran
    if a is None or not a.baris:
        return None
    per = engine.total_per(a.baris, lambda b: engine.kelompok_akun(b.akun))
    urut = [k for k in (*engine.KELOMPOK_AKUN, "") if k in per]
    return Tabel(
        "",
        f"Realisasi Anggaran per Jenis Belanja Tahun {lap.tahun}",
        ["Akun", "Jenis Belanja", "Pagu", "Realisasi", "Serapan (%)", "Sisa"],
        [
            _baris_total([Sel(k), Sel(engine.KELOMPOK_AKUN.get(k, engine.TANPA_AKUN))], per[k])
            for k in urut
        ],
        kaki=[_baris_total([Sel(""), Sel("Jumlah", tebal=True)], a.total, True)],
        catatan=["Jenis belanja menurut dua digit pertama kode akun (51, 52, 53)."]
        + (["Baris tanpa kode akun dicatat per kegiatan/output saja."] if "" in per else []),
        lebar=[8, 28, 18, 18, 10, 18],
    )


def _tabel_ro(lap: Laporan) -> Tabel | None:
    """Capaian RO: per output the volume target and realisasi, and its budget."""
    if not lap.ro:
        return None
    return Tabel(
        "",
        f"Capaian Output (RO) Tahun {lap.tahun}",
        [
            "Kode RO",
            "Output",
            "Target Volume",
            "Realisasi Volume",
            "Capaian RO (%)",
            "Progres (%)",
            "Pagu",
            "Realisasi",
            "Serapan (%)",
        ],
        [
            [
                Sel(r.kode),
                Sel(r.nama),
                Sel(f"{fmt.angka(r.target)} {r.satuan}"),
                Sel(f"{fmt.angka(r.volume)} {r.satuan}" if r.volume is not None else None),
                Sel(r.capaian, "persen"),
                Sel(r.progres, "persen"),
                Sel(r.anggaran.pagu, "rupiah"),
                Sel(r.anggaran.realisasi, "rupiah"),
                Sel(r.anggaran.serapan, "persen"),
            ]
            for r in lap.ro
        ],
        catatan=[
            "Capaian RO = realisasi volume / target volume × 100 (realisasi volume: bulan "
            "terakhir bila dilaporkan kumulatif, jumlah bulan bila tidak). Pagu dan realisasi: "
            "baris anggaran DIPA output itu."
        ],
        lebar=[11, 23, 10, 10, 8, 8, 11, 11, 8],
    )


def _tabel_anggaran_sasaran(lap: Laporan) -> Tabel | None:
    """Per sasaran, the budget of the kegiatan/outputs linked to its indicators (butir 6)."""
    if not lap.anggaran or not any(g.ada for g in lap.anggaran_sasaran.values()):
        return None
    baris = []
    for i, s in enumerate(lap.semua_sasaran, 1):
        g = lap.anggaran_sasaran.get(s.kunci)
        if g is None:
            continue
        e = g.efisiensi
        kegiatan = "; ".join(
            f"{x.kode}" + (f" ({fmt.angka(x.porsi)}%)" if x.porsi < 100 else "") for x in g.sumber
        )
        baris.append(
            [
                Sel(str(i)),
                Sel(s.nama),
                Sel(kegiatan or None, kosong="belum ditautkan"),
                Sel(g.total.pagu if g.ada else None, "rupiah"),
                Sel(g.total.realisasi if g.ada else None, "rupiah"),
                Sel(g.total.serapan, "persen"),
                Sel(g.capaian, "persen"),
                Sel(e.selisih if e else None, "angka"),
                Sel(e.label if e else None, kosong="tidak dapat dihitung"),
            ]
        )
    return Tabel(
        "",
        f"Anggaran dan Efisiensi per Sasaran Tahun {lap.tahun}",
        [
            "No",
            "Sasaran",
            "Kegiatan / Output (porsi)",
            "Pagu",
            "Realisasi",
            "Serapan (%)",
            "Capaian Kinerja (%)",
            "Efisiensi (poin)",
            "Kategori",
        ],
        baris,
        catatan=[
            "Anggaran sasaran = pagu dan realisasi baris DIPA kegiatan/output yang ditautkan ke "
            "indikatornya, sesuai porsinya; satu baris dihitung sekali per sasaran. "
            f"{engine.RUMUS_EFISIENSI.capitalize()}: di atas +5 poin efisien, −5 sampai +5 "
            "cukup efisien, di bawah −5 tidak efisien."
        ]
        + _catatan_tanpa_tautan(lap),
        lebar=[5, 24, 16, 12, 12, 8, 8, 8, 9],
    )


def _catatan_tanpa_tautan(lap: Laporan) -> list[str]:
    """The budget lines no indicator is linked to, said once under the per-sasaran table."""
    tanpa = [b for b in lap.anggaran.baris if not lap.porsi_baris.get(b.id)]
    if not tanpa:
        return []
    pagu = engine.total(tanpa).pagu
    return [
        f"{len(tanpa)} baris anggaran (pagu {fmt.rupiah(pagu)}) belum ditautkan ke indikator mana "
        "pun; anggarannya tidak masuk perhitungan sasaran mana pun."
    ]


def _tabel_banding_anggaran(lap: Laporan) -> Tabel | None:
    """This year's budget per program and kegiatan next to last year's."""
    a, lalu = lap.anggaran, lap.anggaran_lalu
    if a is None or lalu is None:
        return None

    def per_kode(ang) -> dict[str, tuple[str, engine.Total, bool]]:
        hasil = {}
        for kode, nama, t, kegiatan in ang.per_program:
            hasil[kode] = (nama, t, True)
            for k_kode, k_nama, kt in kegiatan:
                hasil[f"{kode}.{k_kode}"] = (k_nama, kt, False)
        return hasil

    kini, dulu = per_kode(a), per_kode(lalu)
    kosong = engine.Total()
    baris = []
    for kode in sorted(kini.keys() | dulu.keys()):
        nama, _, program = kini.get(kode) or dulu[kode]
        t = kini[kode][1] if kode in kini else kosong
        tl = dulu[kode][1] if kode in dulu else kosong
        baris.append(
            [
                Sel(kode, tebal=program),
                Sel(nama, tebal=program),
                Sel(tl.pagu, "rupiah", tebal=program),
                Sel(tl.serapan, "persen", tebal=program),
                Sel(t.pagu, "rupiah", tebal=program),
                Sel(t.serapan, "persen", tebal=program),
                Sel(t.pagu - tl.pagu, "rupiah", tebal=program),
            ]
        )
    return Tabel(
        "",
        f"Perbandingan Anggaran Tahun {lap.tahun - 1} dan {lap.tahun}",
        [
            "Kode",
            "Program / Kegiatan",
            f"Pagu {lap.tahun - 1}",
            f"Serapan {lap.tahun - 1} (%)",
            f"Pagu {lap.tahun}",
            f"Serapan {lap.tahun} (%)",
            "Perubahan Pagu",
        ],
        baris,
        kaki=[
            [
                Sel(""),
                Sel("Jumlah", tebal=True),
                Sel(lalu.total.pagu, "rupiah", tebal=True),
                Sel(lalu.total.serapan, "persen", tebal=True),
                Sel(a.total.pagu, "rupiah", tebal=True),
                Sel(a.total.serapan, "persen", tebal=True),
                Sel(a.total.pagu - lalu.total.pagu, "rupiah", tebal=True),
            ]
        ],
        catatan=[f"Anggaran {lap.tahun - 1} menurut DIPA {lap.tahun - 1} yang tercatat."],
        lebar=[12, 30, 14, 9, 14, 9, 14],
    )


def _tabel_hibah(lap: Laporan) -> Tabel | None:
    """The regional grant (NPHD) with its own pagu and realisasi."""
    a = lap.anggaran
    if a is None or a.hibah is None:
        return None
    hibah = [b for b in a.baris if b.sumber != "APBN"]
    return Tabel(
        "",
        f"Realisasi Dana Hibah Pemilihan Tahun {lap.tahun}",
        ["Kode", "Uraian", "Pagu", "Realisasi", "Serapan (%)", "Sisa"],
        [
            _baris_total(
                [Sel(b.kode), Sel(b.output_nama or b.kegiatan_nama)],
                engine.Total(b.pagu, b.realisasi),
            )
            for b in hibah
        ],
        kaki=[_baris_total([Sel(""), Sel("Jumlah", tebal=True)], a.hibah, True)],
        catatan=["Dana hibah dari pemerintah daerah menurut NPHD, di luar pagu DIPA APBN."],
        lebar=[16, 30, 16, 16, 8, 14],
    )


def _tabel_sumber(lap: Laporan) -> Tabel | None:
    a = lap.anggaran
    if a is None or not a.per_sumber:
        return None
    return Tabel(
        "",
        f"Realisasi Anggaran per Sumber Dana Tahun {lap.tahun}",
        ["Sumber Dana", "Pagu", "Realisasi", "Serapan (%)", "Sisa"],
        [
            [
                Sel(nama),
                Sel(t.pagu, "rupiah"),
                Sel(t.realisasi, "rupiah"),
                Sel(t.serapan, "persen"),
                Sel(t.sisa, "rupiah"),
            ]
            for nama, t in a.per_sumber
        ],
        kaki=[
            [
                Sel("Jumlah", tebal=True),
                Sel(a.total.pagu, "rupiah", tebal=True),
                Sel(a.total.realisasi, "rupiah", tebal=True),
                Sel(a.total.serapan, "persen", tebal=True),
                Sel(a.total.sisa, "rupiah", tebal=True),
            ]
        ],
        lebar=[28, 20, 20, 12, 20],
    )


def _tabel_pejabat(lap: Laporan) -> Tabel | None:
    if not lap.pejabat:
        return None
    return Tabel(
        "",
        f"Pimpinan dan Pejabat {lap.nama}",
        ["No", "Nama", "Jabatan", "Divisi / Unit"],
        [
            [Sel(str(i)), Sel(p.nama), Sel(p.jabatan), Sel(p.divisi, kosong="–")]
            for i, p in enumerate(lap.pejabat, 1)
        ],
        lebar=[6, 34, 26, 34],
    )


def _tabel_divisi(lap: Laporan) -> Tabel | None:
    ada = [p for p in lap.pejabat if p.tugas]
    if not ada:
        return None
    return Tabel(
        "",
        f"Pembagian Tugas Divisi dan Unit {lap.nama}",
        ["No", "Divisi / Unit", "Pejabat", "Tugas"],
        [
            [
                Sel(str(i)),
                Sel(p.divisi or p.jabatan),
                Sel(f"{p.nama} ({p.jabatan})"),
                Sel("; ".join(p.tugas) + "."),
            ]
            for i, p in enumerate(ada, 1)
        ],
        lebar=[6, 24, 22, 48],
    )


def _tabel_hitungan(judul: str, kolom: str, isi: list[tuple[str, int]], jumlah: int) -> Tabel:
    """A count per group with its share (the SDM tables)."""
    return Tabel(
        "",
        judul,
        ["No", kolom, "Jumlah (orang)", "Persentase (%)"],
        [
            [Sel(str(i)), Sel(k), Sel(n, "angka"), Sel(engine.persentase(n, jumlah), "persen")]
            for i, (k, n) in enumerate(isi, 1)
        ],
        kaki=[
            [
                Sel(""),
                Sel("Jumlah", tebal=True),
                Sel(sum(n for _, n in isi), "angka", tebal=True),
                Sel(engine.persentase(sum(n for _, n in isi), jumlah), "persen", tebal=True),
            ]
        ],
        lebar=[8, 48, 22, 22],
    )


def _tabel_sdm(lap: Laporan) -> list[tuple[str, Tabel | None]]:
    s = lap.sdm
    if s is None:
        return []
    return [
        (
            "sdm_status",
            _tabel_hitungan(
                f"Pegawai {lap.nama} menurut Status Kepegawaian Tahun {lap.tahun}",
                "Status",
                s.per_status,
                s.jumlah,
            ),
        ),
        (
            "sdm_pendidikan",
            _tabel_hitungan(
                f"Pegawai {lap.nama} menurut Tingkat Pendidikan Tahun {lap.tahun}",
                "Pendidikan",
                s.per_pendidikan,
                s.jumlah,
            ),
        ),
        (
            "sdm_golongan",
            _tabel_hitungan(
                f"Pegawai Negeri Sipil {lap.nama} menurut Golongan Tahun {lap.tahun}",
                "Golongan",
                s.per_golongan,
                sum(n for _, n in s.per_golongan),
            )
            if s.per_golongan
            else None,
        ),
    ]


def _tabel_aset(lap: Laporan) -> Tabel | None:
    if not lap.aset:
        return None
    ada_nilai = any(a.nilai is not None for a in lap.aset)
    nilai = [a.nilai for a in lap.aset if a.nilai is not None]
    return Tabel(
        "",
        f"Barang Milik Negara (Tanah, Bangunan dan Kendaraan) Tahun {lap.tahun}",
        ["No", "Jenis", "Uraian", "Jumlah", "Kondisi", "Nilai (Rp)"],
        [
            [
                Sel(str(i)),
                Sel(a.jenis),
                Sel(a.uraian),
                Sel(f"{fmt.angka(a.jumlah)} {a.satuan}"),
                Sel(a.kondisi),
                Sel(a.nilai, "rupiah", kosong="–"),
            ]
            for i, a in enumerate(lap.aset, 1)
        ],
        kaki=[
            [
                Sel(""),
                Sel(""),
                Sel("Jumlah nilai", tebal=True),
                Sel(""),
                Sel(""),
                Sel(sum(nilai), "rupiah", tebal=True),
            ]
        ]
        if ada_nilai
        else [],
        catatan=["Nilai menurut laporan BMN; '–' bila nilainya tidak dicatat."]
        if ada_nilai
        else [],
        lebar=[6, 20, 30, 12, 12, 20],
    )


def _tabel_pemilihan(lap: Laporan) -> list[tuple[str, Tabel]]:
    """Per election: DPT and who voted per kecamatan, with the participation figures."""
    hasil = []
    for i, p in enumerate(lap.pemilihan, 1):
        j = p.jumlah
        angka = j.partisipasi()
        catatan = [
            "Partisipasi = pengguna hak pilih / DPT × 100. Realisasi indikator partisipasi pada "
            "Perjanjian Kinerja dihitung dari data ini."
        ]
        for kunci, label, dpt, pengguna in (
            ("PEREMPUAN", "pemilih perempuan", j.dpt_p, j.pengguna_p),
            ("DISABILITAS", "pemilih disabilitas", j.dpt_disabilitas, j.pengguna_disabilitas),
            ("PEMULA", "pemilih pemula", j.dpt_pemula, j.pengguna_pemula),
        ):
            if angka[kunci] is not None:
                catatan.append(
                    f"Partisipasi {label}: {fmt.angka(pengguna)} dari {fmt.angka(dpt)} "
                    f"({fmt.persen(angka[kunci])})."
                )
        hasil.append(
            (
                f"pemilihan:{i}",
                Tabel(
                    "",
                    f"Rekapitulasi Daftar Pemilih Tetap dan Partisipasi per Kecamatan: {p.nama}",
                    [
                        "No",
                        "Kecamatan",
                        "Desa/ Kel",
                        "TPS",
                        "DPT L",
                        "DPT P",
                        "DPT L+P",
                        "Pengguna Hak Pilih",
                        "Partisipasi (%)",
                    ],
                    [
                        [
                            Sel(str(n)),
                            Sel(k.nama),
                            Sel(k.desa, "angka", kosong="–"),
                            Sel(k.data.tps, "angka"),
                            Sel(k.data.dpt_l, "angka"),
                            Sel(k.data.dpt_p, "angka"),
                            Sel(k.data.dpt, "angka"),
                            Sel(k.data.pengguna, "angka", kosong="–"),
                            Sel(k.data.partisipasi()["PARTISIPASI"], "persen", kosong="–"),
                        ]
                        for n, k in enumerate(p.kecamatan, 1)
                    ],
                    kaki=[
                        [
                            Sel(""),
                            Sel("Jumlah", tebal=True),
                            Sel(
                                sum(k.desa for k in p.kecamatan)
                                if all(k.desa is not None for k in p.kecamatan)
                                else None,
                                "angka",
                                tebal=True,
                            ),
                            Sel(j.tps, "angka", tebal=True),
                            Sel(j.dpt_l, "angka", tebal=True),
                            Sel(j.dpt_p, "angka", tebal=True),
                            Sel(j.dpt, "angka", tebal=True),
                            Sel(j.pengguna, "angka", tebal=True),
                            Sel(angka["PARTISIPASI"], "persen", tebal=True),
                        ]
                    ],
                    catatan=catatan,
                    lebar=[5, 21, 8, 8, 11, 11, 12, 13, 11],
                ),
            )
        )
    return hasil


def _tabel_rekap_tahunan(lap: Laporan) -> Tabel | None:
    """BAB IV: every indicator of the year with its target, realisasi and capaian in the
    earlier years the application knows (by catalogue code), as the real reports' Tabel 4.1."""
    if not lap.semua_baris:
        return None
    tahun = [*lap.tahun_riwayat[-2:], lap.tahun]
    riwayat = {r.baris.id: {n.tahun: n for n in r.tahun_lalu} for r in lap.riwayat}
    kolom = ["No", "Indikator Kinerja"]
    for t in tahun:
        kolom += [f"Target {t}", f"Realisasi {t}", f"Capaian {t} (%)"]
    baris = []
    for b in lap.semua_baris:
        sel = [Sel(b.no), Sel(b.indikator)]
        lalu = riwayat.get(b.id, {})
        for t in tahun[:-1]:
            n = lalu.get(t)
            sel += [
                Sel(n.target if n else None, kosong="–"),
                Sel(n.realisasi if n else None, kosong="–"),
                Sel(n.capaian if n else None, "persen", kosong=n.keterangan if n else "–"),
            ]
        sel += [Sel(b.target), Sel(b.realisasi, kosong=engine.BELUM_ADA_REALISASI), _sel_capaian(b)]
        baris.append(sel)
    catatan = ["Capaian tiap tahun dihitung dengan kebijakan capaian tahun tersebut."]
    if len(tahun) > 1:
        catatan.append(
            "Tahun sebelumnya diambil dari PK satker ini dengan kode indikator katalog yang sama; "
            "'–': indikator belum ada di PK tahun itu."
        )
    return Tabel(
        "",
        f"Pencapaian Sasaran Strategis melalui Indikator Tahun {', '.join(map(str, tahun))}",
        kolom,
        baris,
        catatan=catatan,
        lebar=[5, 23, *[round(72 / (3 * len(tahun)), 1)] * (3 * len(tahun))],
    )


def _tabel_isi(isi: IsiLaporan) -> Tabel:
    """A table the office pasted: its cells as written."""
    kepala, *badan = isi.tabel
    return Tabel(
        "",
        isi.judul,
        kepala,
        [[Sel(c, kosong="") for c in b] for b in badan],
        catatan=[f"Sumber: {isi.sumber}."] if isi.sumber else [],
    )


def susun_tabel(lap: Laporan) -> dict[str, Tabel]:
    """Every table of the report by key, numbered per chapter in the order they are printed."""
    per_bab: dict[int | str, list[tuple[str, Tabel | None]]] = {
        1: [
            ("pejabat", _tabel_pejabat(lap)),
            ("divisi", _tabel_divisi(lap)),
            *_tabel_sdm(lap),
            ("aset", _tabel_aset(lap)),
        ],
        2: [("renstra", _tabel_renstra(lap))],
        3: [],
    }
    per_bab["L"] = []
    for pk in lap.pk:
        per_bab[2].append((f"rkt:{pk.jenis}", _tabel_rkt(pk, lap)))
    for pk in lap.pk:
        per_bab[2].append((f"pk:{pk.jenis}", tabel_pk(pk, lap.tahun, lap.wilayah)))
        per_bab["L"].append((f"rencana_aksi:{pk.jenis}", _tabel_rencana_aksi(pk, lap)))
        if pk.anggaran:
            per_bab[2].append((f"anggaran_pk:{pk.jenis}", _tabel_anggaran_pk(pk, lap.tahun)))
        per_bab[3].append((f"ukur:{pk.jenis}", _tabel_ukur(pk, lap)))
    per_bab[3] += [
        ("riwayat", _tabel_riwayat(lap)),
        ("progres", _tabel_progres(lap)),
        ("akip", _tabel_akip(lap)),
        ("pembanding", _tabel_pembanding(lap)),
        *_tabel_pemilihan(lap),
        ("anggaran_sasaran", _tabel_anggaran_sasaran(lap)),
        ("efisiensi", _tabel_efisiensi(lap)),
        ("anggaran", _tabel_anggaran(lap)),
        ("banding_anggaran", _tabel_banding_anggaran(lap)),
        ("akun", _tabel_akun(lap)),
        ("ro", _tabel_ro(lap)),
        ("revisi", _tabel_revisi(lap)),
        ("revisi_baris", _tabel_revisi_baris(lap)),
        ("sumber", _tabel_sumber(lap)),
        ("hibah", _tabel_hibah(lap)),
    ]
    per_bab[4] = [("rekap_tahunan", _tabel_rekap_tahunan(lap))]
    for isi in lap.isi:
        if isi.tabel:
            per_bab[isi.bab].append((isi.kunci_tabel, _tabel_isi(isi)))
    hasil = {}
    for bab, daftar in per_bab.items():
        n = 0
        for kunci, tabel in daftar:
            if tabel is None:
                continue
            n += 1
            hasil[kunci] = Tabel(
                f"{bab}.{n}",
                tabel.judul,
                tabel.kolom,
                tabel.baris,
                tabel.kaki,
                tabel.catatan,
                tabel.lebar,
            )
    return hasil


def urutan_nomor(tabel: Tabel) -> tuple[int, ...]:
    """Sort key of a table number: chapters in order, then the Lampiran (L.1, L.2)."""
    return tuple(int(x) if x.isdigit() else 99 for x in tabel.nomor.split("."))
