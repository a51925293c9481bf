"""Reads of the laporan app: the report of a satker and year, built once as plain data.

`build_laporan` reads everything through kinerja.selectors and the capaian engine, in a fixed
number of queries whatever the number of rows, and returns `laporan.data.Laporan`.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q, prefetch_related_objects
from django.utils import timezone

from common import format as fmt
from common import grafik
from kinerja import capaian as engine
from kinerja import jadwal
from kinerja.anggaran import (
    RevisiBarisData,
    anggaran_sasaran,
    baris_per_revisi,
    output_ro_per_satker,
    porsi_per_baris,
    tautan_per_baris,
)
from kinerja.models import (
    BarisAnggaran,
    DataPemilu,
    PerjanjianKinerja,
    RencanaAksi,
    Renstra,
    TargetRenstra,
)
from kinerja.nilai import JenisNilai, Nilai
from kinerja.selectors import (
    Kebijakan,
    Pengukuran,
    RingkasanAnggaran,
    baris_queryset,
    kebijakan_per_satker,
    kebijakan_untuk,
    partisipasi_untuk,
    pengukuran_per_pk,
    perjanjian_terbaru,
    realisasi_dihitung,
    rincian_pemilihan,
    ringkasan_anggaran,
    ukur_baris,
)
from laporan.data import (
    JENIS_PK,
    AksiLaporan,
    Anggaran,
    AnggaranProgramPK,
    AsetLaporan,
    BarisBudget,
    BarisEfisiensi,
    BarisUkur,
    DataPemilihan,
    DataPK,
    DataRenstra,
    IsiLaporan,
    Justifikasi,
    KecamatanPemilihan,
    Komentar,
    Laporan,
    Narasi,
    NilaiAkip,
    NilaiTahun,
    Pejabat_,
    Pembanding,
    Progres,
    RevisiDipa,
    Reviu,
    Riwayat,
    Sasaran,
    SasaranRenstra,
    kunci_sasaran,
    nama_lengkap,
    nama_wilayah,
)
from laporan.models import (
    IsiBab,
    JustifikasiPemeriksaan,
    KomentarReviu,
    LaporanKinerja,
    NarasiLaporan,
    ReviuAPIP,
    baca_tabel,
)
from laporan.tabel import susun_tabel
from satker.models import Aset, Pegawai, Pejabat, Satker
from satker.selectors import RingkasanSDM, ringkasan_sdm, satker_visible


def teks_nilai(nilai: Nilai | None, satuan: str) -> str | None:
    if nilai is None:
        return None
    if nilai.kode:
        return nilai.kode
    if nilai.angka is None:
        return ""
    if nilai.jenis == JenisNilai.PERSEN:
        return f"{fmt.angka(nilai.angka)}%"
    return f"{fmt.angka(nilai.angka)} {satuan}".strip()


def _teks_realisasi(u: Pengukuran) -> str | None:
    """The year realisasi as the user wrote it, or the aggregate of the quarters."""
    if u.realisasi_tahun is None:
        return None
    if u.masukan.dari_pemilu or u.masukan.dari_lke:
        return teks_nilai(u.realisasi_tahun, u.baris.satuan)
    rekaman = u.rekaman
    if engine.Periode.TAHUNAN in rekaman and rekaman[engine.Periode.TAHUNAN].teks.strip():
        return rekaman[engine.Periode.TAHUNAN].teks
    terisi = [rekaman[p] for p in engine.TRIWULAN if p in rekaman and rekaman[p].teks.strip()]
    if terisi and (u.baris.agregasi == engine.Agregasi.TERAKHIR or u.realisasi_tahun.angka is None):
        return terisi[-1].teks
    return teks_nilai(u.realisasi_tahun, u.baris.satuan)


def _baris_ukur(u: Pengukuran, jenis: str) -> BarisUkur:
    rekaman = u.rekaman.values()
    return BarisUkur(
        id=u.baris.pk,
        jenis_pk=jenis,
        no=u.baris.no,
        sasaran=u.baris.sasaran,
        indikator=u.baris.indikator,
        satuan=u.baris.satuan,
        target=u.baris.target,
        realisasi=_teks_realisasi(u),
        capaian=u.capaian.nilai,
        keterangan=u.capaian.keterangan,
        dibatasi=u.capaian.dibatasi,
        kategori=u.kategori,
        rumus=u.rumus,
        arah=u.baris.arah,
        indikator_kinerja_id=u.baris.indikator_kinerja_id,
        kode_indikator=u.baris.indikator_kinerja.kode if u.baris.indikator_kinerja else "",
        kendala=[r.kendala.strip() for r in rekaman if r.kendala.strip()],
        tindak_lanjut=[r.tindak_lanjut.strip() for r in rekaman if r.tindak_lanjut.strip()],
        dari_pemilu=u.masukan.dari_pemilu,
        dari_lke=u.masukan.dari_lke,
    )


def _per_sasaran(baris: list[BarisUkur], jenis: str) -> list[Sasaran]:
    grup: dict[str, list[BarisUkur]] = {}
    for b in baris:
        grup.setdefault(" ".join(b.sasaran.split()), []).append(b)
    return [Sasaran(kunci_sasaran(jenis, nama), jenis, nama, isi) for nama, isi in grup.items()]


def _data_pk(pk: PerjanjianKinerja, ukuran: list[Pengukuran], kebijakan: Kebijakan) -> DataPK:
    baris = [_baris_ukur(u, pk.jenis) for u in ukuran]
    anggaran = [AnggaranProgramPK(a.program, a.jumlah) for a in pk.anggaran.all()]
    ringkasan = engine.ringkas_nilai(b.capaian for b in baris)
    hitung: dict[str, int] = defaultdict(int)
    for b in baris:
        hitung[b.kategori or engine.TIDAK_DAPAT_DIHITUNG] += 1
    urutan = [nama for _, nama in sorted(kebijakan.skala, key=lambda s: s[0], reverse=True)]
    per_kategori = [(k, hitung[k]) for k in urutan if hitung.get(k)]
    if hitung.get(engine.TIDAK_DAPAT_DIHITUNG):
        per_kategori.append((engine.TIDAK_DAPAT_DIHITUNG, hitung[engine.TIDAK_DAPAT_DIHITUNG]))
    label = pk.get_jenis_display()
    return DataPK(
        id=pk.pk,
        jenis=pk.jenis,
        label=label,
        versi=pk.versi,
        status=pk.get_status_display(),
        alasan_revisi=pk.alasan_revisi,
        pihak_pertama_nama=pk.pihak_pertama_nama,
        pihak_pertama_nip=pk.pihak_pertama_nip,
        pihak_pertama_jabatan=pk.pihak_pertama_jabatan,
        pihak_kedua_nama=pk.pihak_kedua_nama,
        pihak_kedua_nip=pk.pihak_kedua_nip,
        pihak_kedua_jabatan=pk.pihak_kedua_jabatan,
        tempat=pk.tempat,
        tanggal=pk.tanggal,
        baris=baris,
        sasaran=_per_sasaran(baris, pk.jenis),
        ringkasan=ringkasan,
        anggaran=anggaran,
        total_anggaran=engine.total_anggaran_pk(anggaran),
        grafik=grafik.grafik_capaian([(b.no, b.capaian) for b in baris], f"Capaian {label}"),
        per_kategori=per_kategori,
    )


def _riwayat(satker: Satker, tahun: int, baris: list[BarisUkur]) -> tuple[list[Riwayat], list[int]]:
    """Earlier years of the same catalogue indicators, by code, also from the previous Renstra
    where an indicator continues (latest PK version of each year)."""
    kode = {b.kode_indikator for b in baris if b.kode_indikator}
    if not kode:
        return [], []
    lama = list(
        baris_queryset()
        .filter(
            indikator_kinerja__kode__in=kode,
            perjanjian__satker=satker,
            perjanjian__tahun__lt=tahun,
        )
        .select_related("perjanjian")
    )
    versi_terakhir: dict[tuple[int, str], int] = {}
    for b in lama:
        k = (b.perjanjian.tahun, b.perjanjian.jenis)
        versi_terakhir[k] = max(versi_terakhir.get(k, 0), b.perjanjian.versi)
    lama = [
        b
        for b in lama
        if b.perjanjian.versi == versi_terakhir[(b.perjanjian.tahun, b.perjanjian.jenis)]
    ]
    tahun_ada = sorted({b.perjanjian.tahun for b in lama})
    kebijakan = {t: kebijakan_per_satker([satker.pk], t)[satker.pk] for t in tahun_ada}
    pemilu = partisipasi_untuk(lama)
    per_indikator: dict[tuple[str, int], NilaiTahun] = {}
    for b in lama:
        u = ukur_baris(b, kebijakan[b.perjanjian.tahun], pemilu.get(b.pk))
        per_indikator.setdefault(
            (b.indikator_kinerja.kode, b.perjanjian.tahun),
            NilaiTahun(
                b.perjanjian.tahun,
                b.target,
                _teks_realisasi(u),
                u.capaian.nilai,
                u.capaian.keterangan,
            ),
        )
    hasil = [
        Riwayat(
            b,
            [
                per_indikator[(b.kode_indikator, t)]
                for t in tahun_ada
                if (b.kode_indikator, t) in per_indikator
            ],
        )
        for b in baris
        if b.kode_indikator
    ]
    return [r for r in hasil if r.tahun_lalu], tahun_ada


def _progres(
    baris: list[BarisUkur], ukuran: dict[int, Pengukuran], kebijakan: Kebijakan
) -> list[Progres]:
    """Each row's realisasi against the Renstra target of the Renstra's last year."""
    ids = {b.indikator_kinerja_id for b in baris if b.indikator_kinerja_id}
    if not ids:
        return []
    akhir = {}
    for t in TargetRenstra.objects.filter(indikator_id__in=ids).select_related(
        "indikator__sasaran__renstra"
    ):
        if t.tahun == t.indikator.sasaran.renstra.tahun_akhir:
            akhir[t.indikator_id] = t
    hasil = []
    for b in baris:
        t = akhir.get(b.indikator_kinerja_id)
        if t is None:
            continue
        u = ukuran[b.id]
        c = engine.hitung_capaian(
            t.nilai,
            u.realisasi_tahun,
            arah=u.baris.arah,
            rumus_turun=u.baris.rumus_turun or kebijakan.rumus_turun,
        )
        hasil.append(Progres(b, t.tahun, t.target, c.nilai, c.keterangan))
    return hasil


def anggaran_laporan(
    r: RingkasanAnggaran | None, revisi_baris: dict[int, RevisiBarisData] | None = None
) -> Anggaran | None:
    """A satker's budget as the report shows it (and as the data checks read it), with the
    lines each DIPA revision changed when they are given (`kinerja.anggaran.baris_per_revisi`)."""
    if r is None:
        return None
    revisi_baris = revisi_baris or {}
    per_program = []
    for program, total in r.per_program.items():
        kegiatan = [
            (k.kode, k.nama, t) for (p, k), t in r.per_kegiatan.items() if p.pk == program.pk
        ]
        per_program.append((program.kode, program.nama, total, kegiatan))
    sumber = dict(BarisAnggaran.Sumber.choices)
    return Anggaran(
        dipa_id=r.dipa.pk,
        nomor=r.dipa.nomor,
        baris=[
            BarisBudget(
                b.pk,
                b.program.kode,
                b.program.nama,
                b.kegiatan.kode,
                b.kegiatan.nama,
                " ".join(x for x in (b.output_kode, b.output_nama) if x),
                b.akun_kode,
                sumber.get(b.sumber, b.sumber),
                b.pagu,
                b.realisasi,
                b.output_kode,
                b.output_nama,
            )
            for b in r.baris
        ],
        revisi=[
            RevisiDipa(
                v.pk,
                r.dipa.pk,
                v.label,
                v.tanggal,
                v.pagu,
                revisi_baris.get(v.pk, RevisiBarisData(0)),
            )
            for v in r.revisi
        ],
        total=r.total,
        per_program=per_program,
        per_sumber=[(sumber.get(k, k), t) for k, t in r.per_sumber.items()],
        selisih_dipa=r.selisih_dipa,
        apbn=r.total_apbn,
        hibah=r.per_sumber.get(BarisAnggaran.Sumber.HIBAH),
    )


def _renstra(satker: Satker, tahun: int) -> DataRenstra | None:
    renstra = (
        Renstra.objects.filter(
            Q(satker=satker) | Q(satker__isnull=True), tahun_awal__lte=tahun, tahun_akhir__gte=tahun
        )
        .prefetch_related("sasaran__indikator__target")
        .order_by("satker_id")
    )
    pilih = next((r for r in renstra if r.satker_id), None) or next(iter(renstra), None)
    if pilih is None:
        return None
    return DataRenstra(
        id=pilih.pk,
        tahun_awal=pilih.tahun_awal,
        tahun_akhir=pilih.tahun_akhir,
        visi=pilih.visi,
        misi=pilih.daftar_misi,
        tujuan=pilih.daftar_tujuan,
        sasaran=[
            SasaranRenstra(
                s.kode,
                s.nama,
                [
                    (i.kode, i.nama, {t.tahun: t.target for t in i.target.all()})
                    for i in s.indikator.all()
                ],
            )
            for s in pilih.sasaran.all()
        ],
        nasional=pilih.satker_id is None,
    )


def _pejabat(satker: Satker, pada: dt.date) -> list[Pejabat_]:
    aktif = [
        p
        for p in Pejabat.objects.filter(satker=satker).order_by("id")
        if (p.mulai is None or p.mulai <= pada) and (p.selesai is None or p.selesai >= pada)
    ]
    urut = sorted(aktif, key=lambda p: (_urutan_jabatan(p.jabatan), p.id))
    return [Pejabat_(p.nama, p.nip, p.jabatan, p.divisi, tuple(_baris_teks(p.tugas))) for p in urut]


def _baris_teks(teks: str) -> list[str]:
    """One item per line, list marks (`1.`, `-`, `a.`) dropped."""
    hasil = []
    for baris in teks.splitlines():
        baris = re.sub(r"^\s*(?:[-•*]|\d+[.)]|[a-z][.)])\s*", "", baris).strip().rstrip(";")
        if baris:
            hasil.append(baris)
    return hasil


def _profil(satker: Satker, tahun: int) -> tuple[RingkasanSDM | None, list[AsetLaporan]]:
    pegawai = list(Pegawai.objects.filter(satker=satker, tahun=tahun))
    aset = [
        AsetLaporan(
            a.get_jenis_display(), a.uraian, a.jumlah, a.satuan, a.get_kondisi_display(), a.nilai
        )
        for a in Aset.objects.filter(satker=satker, tahun=tahun)
    ]
    return (ringkasan_sdm(pegawai) if pegawai else None), aset


DITANDATANGANI = PerjanjianKinerja.Status.DITANDATANGANI.label


def _isi(satker: Satker, tahun: int) -> list[IsiLaporan]:
    hasil = []
    qs = IsiBab.objects.filter(satker=satker, tahun=tahun).select_related("bukti")
    for i in qs.order_by("bab", "urutan", "id"):
        berkas = i.gambar or (i.bukti.bukti_file if i.bukti else None)
        hasil.append(
            IsiLaporan(
                i.pk,
                i.bab,
                i.jenis,
                i.judul,
                i.teks,
                _data_uri(berkas) if i.jenis == IsiBab.Jenis.GAMBAR and berkas else "",
                i.sumber,
                baca_tabel(i.teks) if i.jenis == IsiBab.Jenis.TABEL else [],
            )
        )
    return hasil


def _data_uri(berkas) -> str:
    """A stored picture inline, so the report is one self-contained document (a picture that
    has gone missing from storage is left out, not an error)."""
    try:
        with berkas.open("rb") as f:
            isi = f.read()
    except OSError:
        return ""
    jenis = "image/png" if isi.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{jenis};base64,{base64.b64encode(isi).decode()}"


def _rencana_aksi(baris: list[BarisUkur]) -> dict[int, list[AksiLaporan]]:
    hasil: dict[int, list[AksiLaporan]] = defaultdict(list)
    for a in RencanaAksi.objects.filter(baris_id__in=[b.id for b in baris]):
        hasil[a.baris_id].append(AksiLaporan(a.kegiatan, a.pelaksana, tuple(a.triwulan)))
    return dict(hasil)


def _pemilihan(satker: Satker, tahun: int) -> list[DataPemilihan]:
    return [
        DataPemilihan(
            r.pemilihan.nama,
            r.pemilihan.get_jenis_display(),
            r.pemilihan.tanggal,
            [KecamatanPemilihan(k.kecamatan, k.desa, d) for k, d in r.kecamatan],
            r.jumlah,
        )
        for r in rincian_pemilihan(satker, tahun)
        if r.kecamatan
    ]


def _urutan_jabatan(jabatan: str) -> int:
    j = jabatan.lower()
    for i, awal in enumerate(("ketua", "anggota", "sekretaris", "kepala", "kasubbag")):
        if j.startswith(awal):
            return i
    return 9


def _efisiensi(pk: list[DataPK], anggaran: Anggaran | None, semua) -> list[BarisEfisiensi]:
    serapan = anggaran.total.serapan if anggaran else None
    baris = [
        BarisEfisiensi(
            f"Rata-rata capaian kinerja {p.label}",
            p.ringkasan.rata_rata,
            p.ringkasan.dihitung,
            serapan,
            engine.efisiensi(p.ringkasan.rata_rata, serapan),
        )
        for p in pk
    ]
    if len(pk) > 1:
        baris.append(
            BarisEfisiensi(
                "Rata-rata capaian kinerja seluruh indikator",
                semua.rata_rata,
                semua.dihitung,
                serapan,
                engine.efisiensi(semua.rata_rata, serapan),
            )
        )
    return baris


def versi_laporan(satker: Satker, tahun: int) -> list[LaporanKinerja]:
    """Every version of a report, newest first."""
    return list(
        LaporanKinerja.objects.filter(satker=satker, tahun=tahun)
        .select_related("difinalkan_oleh")
        .order_by("-versi")
    )


def laporan_final(satker: Satker, tahun: int, versi: int | None = None) -> LaporanKinerja | None:
    """A final version (the latest one unless `versi` is given)."""
    qs = LaporanKinerja.objects.filter(
        satker=satker, tahun=tahun, status=LaporanKinerja.Status.FINAL
    )
    if versi is not None:
        qs = qs.filter(versi=versi)
    return qs.order_by("-versi").first()


def _justifikasi(laporan: LaporanKinerja) -> dict[str, Justifikasi]:
    return {
        j.kunci: Justifikasi(j.kunci, j.teks, fmt.nama_orang(j.oleh), j.pada)
        for j in JustifikasiPemeriksaan.objects.filter(laporan=laporan).select_related("oleh")
    }


# ---------------------------------------------------------------- the builder


def _versi(
    satker: Satker, tahun: int, laporan: LaporanKinerja | None
) -> tuple[LaporanKinerja | None, int, str]:
    """The version being rendered: the one asked for, the latest draft, or after a final
    version the live data as the next version, still a draft."""
    terakhir = (
        laporan
        or LaporanKinerja.objects.filter(satker=satker, tahun=tahun).order_by("-versi").first()
    )
    if laporan is not None or (terakhir is not None and not terakhir.final):
        return terakhir, terakhir.versi, terakhir.status
    return terakhir, (terakhir.versi + 1 if terakhir else 1), LaporanKinerja.Status.DRAFT


def _ukur_pk(
    satker: Satker, tahun: int, kebijakan: Kebijakan
) -> tuple[list[DataPK], dict[int, Pengukuran]]:
    """Both PKs of the year, measured: their data, and each row's measurement by row id."""
    objek_pk = perjanjian_terbaru(satker, tahun)
    prefetch_related_objects(list(objek_pk.values()), "anggaran")
    per_pk = pengukuran_per_pk(objek_pk.values(), kebijakan)
    ukuran: dict[int, Pengukuran] = {}
    data_pk = []
    for jenis in JENIS_PK:
        if jenis in objek_pk:
            daftar = per_pk[objek_pk[jenis].pk]
            ukuran.update((u.baris.pk, u) for u in daftar)
            data_pk.append(_data_pk(objek_pk[jenis], daftar, kebijakan))
    return data_pk, ukuran


def _penandatangan(pejabat: list[Pejabat_], data_pk: list[DataPK], oleh: str) -> Pejabat_:
    """Who signs the report: the Ketua (LK Ketua) or the Sekretaris (LK Sekretariat) in office
    on the report's date, else the first party of that PK."""
    sekretaris = oleh == LaporanKinerja.Penanda.SEKRETARIS
    jabatan, jenis = ("Sekretaris", "SEKRETARIAT") if sekretaris else ("Ketua", "KPU")
    orang = next((p for p in pejabat if p.jabatan.lower().startswith(jabatan.lower())), None)
    if orang is not None:
        return Pejabat_(orang.nama, orang.nip, jabatan, orang.divisi)
    pk = next((p for p in data_pk if p.jenis == jenis), None)
    return Pejabat_(
        pk.pihak_pertama_nama if pk else "", pk.pihak_pertama_nip if pk else "", jabatan, ""
    )


def _pembanding(satker: Satker, tahun: int, baris: list[BarisUkur]) -> dict[str, Pembanding]:
    """Each catalogue indicator of the report in the latest PK of every office that has it in
    the same year: the province's and the nation's average capaian and this office's rank in
    its province. A fixed number of queries, whatever the number of offices."""
    kode = {b.kode_indikator for b in baris if b.kode_indikator}
    if not kode:
        return {}
    semua = list(
        baris_queryset()
        .filter(indikator_kinerja__kode__in=kode, perjanjian__tahun=tahun)
        .select_related("perjanjian__satker")
    )
    terbaru: dict[tuple[int, str], int] = {}
    for b in semua:
        k = (b.perjanjian.satker_id, b.perjanjian.jenis)
        terbaru[k] = max(terbaru.get(k, 0), b.perjanjian.versi)
    semua = [
        b
        for b in semua
        if b.perjanjian.versi == terbaru[(b.perjanjian.satker_id, b.perjanjian.jenis)]
    ]
    kebijakan = kebijakan_per_satker({b.perjanjian.satker_id for b in semua}, tahun)
    per_kode: dict[str, dict[int, tuple[Decimal | None, int | None]]] = defaultdict(dict)
    pemilu = partisipasi_untuk(semua)
    for b in semua:
        s = b.perjanjian.satker
        nilai = ukur_baris(b, kebijakan[s.pk], pemilu.get(b.pk)).capaian.nilai
        induk = s.pk if s.tingkat == Satker.Tingkat.PROVINSI else s.induk_id
        per_kode[b.indikator_kinerja.kode].setdefault(s.pk, (nilai, induk))
    provinsi = satker.pk if satker.tingkat == Satker.Tingkat.PROVINSI else satker.induk_id
    hasil = {}
    for k, per_satker in per_kode.items():
        nasional = [v for v, _ in per_satker.values() if v is not None]
        sendiri = per_satker.get(satker.pk, (None, None))[0]
        prov = sorted(
            (v for v, p in per_satker.values() if v is not None and p == provinsi), reverse=True
        )
        hasil[k] = Pembanding(
            k,
            sendiri,
            engine.ringkas_nilai(prov).rata_rata,
            len(prov),
            prov.index(sendiri) + 1 if sendiri is not None and sendiri in prov else None,
            engine.ringkas_nilai(nasional).rata_rata,
            len(nasional),
        )
    return hasil


def _narasi(satker: Satker, tahun: int) -> dict[str, Narasi]:
    return {
        n.bagian: Narasi(n.bagian, n.teks, True, n.disalin_dari)
        for n in NarasiLaporan.objects.filter(satker=satker, tahun=tahun)
    }


def build_laporan(
    satker: Satker,
    tahun: int,
    *,
    laporan: LaporanKinerja | None = None,
    tanggal: dt.date | None = None,
) -> Laporan:
    """The whole report of a satker and year as plain data.

    `laporan` is the version being rendered (default: the latest one, if any); `tanggal` the date
    printed above the signatures (default: the one the office chose for the version, else
    `jadwal.tanggal_laporan`; never simply the day it is rendered).
    """
    satker = Satker.objects.select_related("induk").get(pk=satker.pk)
    terakhir, versi, status = _versi(satker, tahun, laporan)
    tanggal = (
        tanggal
        or (terakhir.tanggal_laporan if terakhir else None)
        or jadwal.tanggal_laporan(tahun, timezone.localdate())
    )
    oleh = terakhir.ditandatangani if terakhir else LaporanKinerja.Penanda.KETUA
    kebijakan = kebijakan_untuk(satker, tahun)
    data_pk, ukuran = _ukur_pk(satker, tahun, kebijakan)
    semua_baris = [b for p in data_pk for b in p.baris]
    riwayat, tahun_riwayat = _riwayat(satker, tahun, semua_baris)
    ringkasan = ringkasan_anggaran(satker, tahun)
    anggaran = anggaran_laporan(ringkasan, baris_per_revisi(ringkasan.revisi) if ringkasan else {})
    pejabat = _pejabat(satker, tanggal)
    semua = engine.ringkas_capaian(engine.Capaian(b.capaian) for b in semua_baris)
    provinsi = satker.provinsi
    sdm, aset = _profil(satker, tahun)
    pk_berikut, _ = _ukur_pk(satker, tahun + 1, kebijakan_untuk(satker, tahun + 1))
    hasil = Laporan(
        satker_id=satker.pk,
        kode=satker.kode,
        nama=satker.nama,
        nama_lengkap=nama_lengkap(satker.nama),
        wilayah=nama_wilayah(satker.nama),
        kota=satker.kota or nama_wilayah(satker.nama),
        alamat=satker.alamat,
        provinsi=provinsi.nama if provinsi and provinsi.pk != satker.pk else "",
        tahun=tahun,
        versi=versi,
        status=status,
        tanggal=tanggal,
        penandatangan=_penandatangan(pejabat, data_pk, oleh),
        sekretaris=next((p for p in pejabat if p.jabatan.lower().startswith("sekretaris")), None),
        pejabat=pejabat,
        kebijakan=kebijakan,
        pk=data_pk,
        riwayat=riwayat,
        tahun_riwayat=tahun_riwayat,
        progres=_progres(semua_baris, ukuran, kebijakan),
        renstra=_renstra(satker, tahun),
        anggaran=anggaran,
        efisiensi=_efisiensi(data_pk, anggaran, semua),
        narasi_tersimpan=_narasi(satker, tahun),
        justifikasi=_justifikasi(terakhir) if terakhir else {},
        pembanding=_pembanding(satker, tahun, semua_baris),
        sdm=sdm,
        aset=aset,
        pemilihan=_pemilihan(satker, tahun),
        rencana_aksi=_rencana_aksi(semua_baris),
        pk_berikut=[p for p in pk_berikut if p.status == DITANDATANGANI],
        isi=_isi(satker, tahun),
        komentar=_komentar(satker, tahun, versi),
        reviu_apip=_reviu(satker, tahun, versi),
        riwayat_akip=_riwayat_akip(satker, tahun),
        **_anggaran_kinerja(satker, tahun, data_pk, ringkasan, anggaran),
    )
    hasil.tabel.update(susun_tabel(hasil))
    return hasil


def _riwayat_akip(satker: Satker, tahun: int) -> list[NilaiAkip]:
    """The grades of the office's final AKIP evaluations announced in the last five years (the
    realisasi of "Nilai Akuntabilitas Kinerja", computed by the evaluation: one query)."""
    nilai = realisasi_dihitung(
        DataPemilu.AKIP, ((satker.pk, t) for t in range(tahun - 4, tahun + 1))
    )
    return [
        NilaiAkip(t - 1, t, n.angka, n.kode)
        for (_, t), n in sorted(nilai.items(), key=lambda x: x[0][1])
    ]


def _anggaran_kinerja(
    satker: Satker,
    tahun: int,
    data_pk: list[DataPK],
    ringkasan: RingkasanAnggaran | None,
    anggaran: Anggaran | None,
) -> dict:
    """The budget tied to performance (issue 17): per sasaran from the rows' links, the outputs
    (RO), the share of each line claimed, and last year's budget for the comparison."""
    sasaran = [s for p in data_pk for s in p.sasaran]
    tautan = tautan_per_baris(b.id for s in sasaran for b in s.baris)
    lines = anggaran.baris if anggaran else []
    kelompok = {b.id: s.kunci for s in sasaran for b in s.baris}
    ro = output_ro_per_satker([satker.pk], tahun, {satker.pk: ringkasan.baris} if ringkasan else {})
    return {
        "anggaran_sasaran": {
            s.kunci: anggaran_sasaran(s.baris, [b.capaian for b in s.baris], lines, tautan)
            for s in sasaran
        },
        "ro": ro.get(satker.pk, []),
        "porsi_baris": porsi_per_baris(
            lines, [t for d in tautan.values() for t in d], kelompok.get
        ),
        "anggaran_lalu": anggaran_laporan(ringkasan_anggaran(satker, tahun - 1)),
    }


def _komentar(satker: Satker, tahun: int, versi: int) -> list[Komentar]:
    """The review comments on this version and the ones before it."""
    return [
        Komentar(
            k.get_tempat_display(),
            k.label_tempat,
            k.teks,
            fmt.nama_orang(k.oleh),
            k.versi,
            k.get_status_display(),
            k.jawaban,
            k.get_jenis_jawaban_display() if k.jenis_jawaban else "",
        )
        for k in KomentarReviu.objects.filter(satker=satker, tahun=tahun, versi__lte=versi)
        .select_related("oleh")
        .order_by("dibuat", "id")
    ]


def _reviu(satker: Satker, tahun: int, versi: int) -> Reviu | None:
    r = ReviuAPIP.objects.filter(satker=satker, tahun=tahun, versi=versi).first()
    if r is None:
        return None
    return Reviu(r.pernyataan, r.nama, r.jabatan, timezone.localdate(r.pada))


def tahun_laporan_aktif(user) -> int:
    """The LKjIP year the report pages open on: last year's until the LKjIP of every satker the
    user works on is final, then this year's (kinerja/jadwal.py)."""
    hari_ini = timezone.localdate()
    lingkup = satker_visible(user).exclude(tingkat=Satker.Tingkat.RI)
    final = LaporanKinerja.objects.filter(
        tahun=hari_ini.year - 1, status=LaporanKinerja.Status.FINAL
    ).values("satker")
    belum = lingkup.exclude(pk__in=final)
    return jadwal.tahun_laporan(hari_ini, lalu_final=lingkup.exists() and not belum.exists())
