from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.forms import tampilkan_galat
from common.versi import versi_dari
from kinerja.selectors import tahun_dari
from laporan import services
from laporan.forms import IdentitasForm, IsiBabForm, JustifikasiForm, NarasiForm
from laporan.models import IsiBab, KomentarReviu, LaporanKinerja, NarasiLaporan, PdfLaporan
from laporan.narasi import PLACEHOLDER, bagian_dari, isi_teks, narasi_terisi, teks_mentah
from laporan.pemeriksaan import periksa
from laporan.render import konteks_isi, render_docx, render_html, render_pk_docx, render_xlsx
from laporan.selectors import build_laporan, laporan_final, tahun_laporan_aktif, versi_laporan
from satker import daftar as saringan_satker
from satker.akses import get_satker
from satker.models import Satker
from satker.selectors import can_review, can_write, is_apip, satker_visible


def _nama_berkas(satker: Satker, tahun: int, akhiran: str) -> str:
    return f"lkjip-{satker.kode}-{tahun}{akhiran}"


@login_required
def indeks(request: HttpRequest) -> HttpResponse:
    """The satker whose reports the user may open, with the status of each report of the year."""
    tahun = tahun_dari(request, tahun_laporan_aktif(request.user))
    terlihat = satker_visible(request.user)
    if terlihat.count() == 1:
        return redirect("laporan:pratinjau", terlihat.get().kode, tahun)
    s = saringan_satker.saringan(request.GET, terlihat)
    qs = saringan_satker.saring(terlihat.order_by("kode"), s)
    status = request.GET.get("status", "")
    laporan_tahun = LaporanKinerja.objects.filter(tahun=tahun)
    if status == "BELUM":
        qs = qs.exclude(pk__in=laporan_tahun.values("satker"))
    elif status in LaporanKinerja.Status.values:
        # the status of the latest version
        terbaru = laporan_tahun.filter(satker=OuterRef("pk")).order_by("-versi")
        qs = qs.annotate(status_terbaru=Subquery(terbaru.values("status")[:1]))
        qs = qs.filter(status_terbaru=status)
    hal = saringan_satker.halaman(qs, request.GET)
    terakhir = {
        lap.satker_id: lap
        for lap in laporan_tahun.filter(satker__in=list(hal.object_list)).order_by("versi")
    }
    ctx = {
        "tahun": tahun,
        "halaman": hal,
        "baris": [(x, terakhir.get(x.pk)) for x in hal.object_list],
        "saringan": s,
        "status": status,
        "pilihan_status": [("BELUM", "Belum dimulai"), *LaporanKinerja.Status.choices],
    }
    return render(request, "laporan/indeks.html", ctx)


@login_required
def pratinjau(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The report as it stands. Once the latest version is final, that version (its number,
    date and status) unless `?draf=1` asks for the next draft from the current data."""
    satker = get_satker(request, kode)
    final = laporan_final(satker, tahun)
    terbaru = (
        final is not None
        and not LaporanKinerja.objects.filter(
            satker=satker, tahun=tahun, versi__gt=final.versi
        ).exists()
    )
    tampil_final = terbaru and request.GET.get("draf") != "1"
    lap = build_laporan(satker, tahun, laporan=final if tampil_final else None)
    alat = render_to_string(
        "laporan/_alat.html",
        {"lap": lap, "final": final, "satker": satker, "final_terbaru": terbaru},
        request=request,
    )
    return HttpResponse(render_html(lap, alat=alat))


@login_required
def draf_pdf(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The draft PDF when it is ready for the data as it stands; else the progress page."""
    satker = get_satker(request, kode)
    berkas = services.laporan_request_draft_pdf(satker=satker, tahun=tahun)
    if berkas.status != PdfLaporan.Status.SIAP:
        return redirect("laporan:pdf", kode, tahun)
    return FileResponse(
        berkas.berkas.open("rb"),
        content_type="application/pdf",
        filename=_nama_berkas(satker, tahun, "-draf.pdf"),
        as_attachment=False,
    )


def _progres(berkas: PdfLaporan) -> dict:
    """Where a queued render stands: place in the queue, seconds so far, the usual duration."""
    S = PdfLaporan.Status
    selesai = list(
        PdfLaporan.objects.filter(status=S.SIAP, detik__isnull=False)
        .order_by("-selesai")
        .values_list("detik", flat=True)[:20]
    )
    biasa = sorted(selesai)[len(selesai) // 2] if selesai else 5.0
    berjalan = berkas.status in (S.ANTRI, S.PROSES)
    konteks = {"berkas": berkas, "biasa": biasa, "selesai": not berjalan}
    if berkas.status == S.ANTRI:
        konteks["posisi"] = (
            PdfLaporan.objects.filter(status=S.ANTRI, diminta__lt=berkas.diminta).count() + 1
        )
    elif berkas.status == S.PROSES and berkas.mulai:
        berjalan = (timezone.now() - berkas.mulai).total_seconds()
        konteks["berjalan"] = berjalan
        konteks["persen"] = min(95, int(100 * berjalan / max(biasa, 0.1)))
    return konteks


@login_required
def pdf(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """Ask for the draft PDF and follow its background render."""
    satker = get_satker(request, kode)
    berkas = services.laporan_request_draft_pdf(satker=satker, tahun=tahun)
    return render(
        request,
        "laporan/pdf.html",
        {"satker": satker, "lap": SimpleNamespace(tahun=tahun), **_progres(berkas)},
    )


@login_required
def pdf_progres(request: HttpRequest, kode: str, tahun: int, pdf_id: int) -> HttpResponse:
    """The progress fragment, polled by htmx until the render has finished."""
    satker = get_satker(request, kode)
    berkas = get_object_or_404(PdfLaporan, pk=pdf_id, satker=satker, tahun=tahun)
    resp = render(request, "laporan/_pdf_progres.html", {"satker": satker, **_progres(berkas)})
    if berkas.status == PdfLaporan.Status.USANG:
        resp["HX-Refresh"] = "true"  # the data changed: the page asks for the new PDF
    return resp


_JENIS_BERKAS = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _unduhan(isi: bytes, nama: str) -> HttpResponse:
    resp = HttpResponse(isi, content_type=_JENIS_BERKAS[nama[nama.rindex(".") :]])
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


@login_required
def unduh_xlsx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode)
    isi = render_xlsx(build_laporan(satker, tahun))
    return _unduhan(isi, _nama_berkas(satker, tahun, ".xlsx"))


@login_required
def unduh_docx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The report as a Word document, for the office to go on editing in Word."""
    satker = get_satker(request, kode)
    isi = render_docx(build_laporan(satker, tahun))
    return _unduhan(isi, _nama_berkas(satker, tahun, ".docx"))


@login_required
def unduh_pk_docx(request: HttpRequest, kode: str, tahun: int, jenis: str) -> HttpResponse:
    """A PK of the year as a Word document."""
    satker = get_satker(request, kode)
    try:
        isi = render_pk_docx(build_laporan(satker, tahun), jenis.upper())
    except KeyError:
        raise Http404("Perjanjian kinerja tidak ditemukan.") from None
    return _unduhan(isi, f"pk-{satker.kode}-{tahun}-{jenis.lower()}.docx")


@login_required
def narasi_daftar(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode)
    lap = build_laporan(satker, tahun)
    return render(
        request,
        "laporan/narasi_daftar.html",
        {
            "satker": satker,
            "lap": lap,
            "bagian": narasi_terisi(lap).values(),
            "boleh_ubah": can_write(request.user, satker),
        },
    )


@login_required
def narasi_ubah(request: HttpRequest, kode: str, tahun: int, bagian: str) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    lap = build_laporan(satker, tahun)
    b = bagian_dari(lap, bagian)
    if b is None:
        raise Http404("Bagian laporan tidak ditemukan.")
    pratinjau = None  # the text being written, filled from the data but not saved
    if request.method == "POST":
        form = NarasiForm(request.POST, laporan=lap)
        if "pratinjau" in request.POST:
            mentah = request.POST.get("teks", "")
            pratinjau = isi_teks(mentah if mentah.strip() else b.bawaan(lap), lap)
        elif form.is_valid():
            try:
                services.narasi_save(
                    satker=satker,
                    tahun=tahun,
                    bagian=bagian,
                    teks=form.cleaned_data["teks"],
                    oleh=request.user,
                    diperbarui=form.cleaned_data["diperbarui"],
                )
            except ValidationError as exc:
                tampilkan_galat(form, exc)
            else:
                messages.success(request, f"{b.judul} disimpan.")
                url = reverse("laporan:narasi_daftar", args=[kode, tahun])
                return redirect(f"{url}#{bagian}")
    else:
        tersimpan = NarasiLaporan.objects.filter(satker=satker, tahun=tahun, bagian=bagian)
        awal = {"teks": teks_mentah(lap, b), "diperbarui": versi_dari(tersimpan.first())}
        form = NarasiForm(initial=awal, laporan=lap)
    terisi = narasi_terisi(lap)[bagian]
    return render(
        request,
        "laporan/narasi_ubah.html",
        {
            "satker": satker,
            "lap": lap,
            "bagian": b,
            "terisi": terisi,
            "pratinjau": pratinjau,
            "form": form,
            "placeholder": PLACEHOLDER,
            "pemilih": _pemilih_isian(lap, request.GET),
        },
    )


def _pemilih_isian(lap, data) -> dict:
    """The placeholder picker: the kind of figure, the PK row or PK it is about, and what the
    chosen placeholder is written as and gives for this report."""
    nama, baris, pk = data.get("isian", ""), data.get("baris", ""), data.get("pk", "")
    pilihan_baris = [
        (f"{b.no}:{p.jenis}", f"{p.label} {b.no}: {b.indikator}") for p in lap.pk for b in p.baris
    ]
    hasil = None
    if nama in PLACEHOLDER:
        kode = PLACEHOLDER[nama].kode(nama, baris, pk)
        nilai, galat = isi_teks(kode, lap)
        hasil = {"kode": kode, "nilai": nilai, "galat": galat}
    jenis_pk = [(p.jenis, p.label) for p in lap.pk]
    return {
        "isian": nama,
        "baris": baris,
        "pk": pk,
        "pilihan_baris": pilihan_baris,
        "jenis_pk": jenis_pk,
        "hasil": hasil,
    }


@login_required
@require_POST
def narasi_salin(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    n = services.narasi_copy_previous_year(satker=satker, tahun=tahun, oleh=request.user)
    if n:
        messages.warning(
            request,
            f"{n} bagian disalin dari laporan {tahun - 1}. Tinjau dan simpan setiap bagian yang "
            "ditandai sebelum laporan difinalkan.",
        )
    else:
        messages.info(request, f"Tidak ada teks {tahun - 1} yang dapat disalin.")
    return redirect("laporan:narasi_daftar", kode, tahun)


@login_required
def pemeriksaan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode)
    lap = build_laporan(satker, tahun)
    temuan = [
        (t, lap.justifikasi.get(t.kunci), JustifikasiForm(initial={"kunci": t.kunci}))
        for t in periksa(lap)
    ]
    komentar = list(
        KomentarReviu.objects.filter(satker=satker, tahun=tahun).select_related(
            "oleh", "dijawab_oleh", "ditutup_oleh"
        )
    )
    return render(
        request,
        "laporan/pemeriksaan.html",
        {
            "satker": satker,
            "lap": lap,
            "temuan": temuan,
            "terbuka": sum(1 for _, j, _ in temuan if j is None),
            "boleh_ubah": can_write(request.user, satker),
            "boleh_final": services.can_finalise(
                request.user, satker, services.penanda_laporan(satker, tahun)
            ),
            "versi": versi_laporan(satker, tahun),
            "komentar": komentar,
            "komentar_terbuka": sum(
                1 for k in komentar if k.status == KomentarReviu.Status.TERBUKA
            ),
            "boleh_reviu": can_review(request.user, satker),
            "tempat_komentar": services.tempat_komentar(lap, [t for t, _, _ in temuan])
            if can_review(request.user, satker)
            else [],
            "pilihan_jawaban": KomentarReviu.Jawaban.choices,
            "apip": is_apip(request.user),
            "pernyataan_baku": services.PERNYATAAN_BAKU.format(satker=satker.nama, tahun=tahun),
        },
    )


@login_required
@require_POST
def komentar_tambah(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """A reviewer returns the report with a comment on one place of it."""
    satker = get_satker(request, kode)
    try:
        k = services.komentar_add(
            satker=satker,
            tahun=tahun,
            acuan=request.POST.get("acuan", ""),
            teks=request.POST.get("teks", ""),
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("laporan:pemeriksaan", args=[kode, tahun]) + "#komentar")
    messages.success(request, "Komentar disimpan; satker diberi tahu.")
    return redirect(reverse("laporan:pemeriksaan", args=[kode, tahun]) + f"#komentar-{k.pk}")


def _aksi_komentar(request: HttpRequest, komentar_id: int, aksi, berhasil: str) -> HttpResponse:
    """Answer or close a comment; back to it on the office's page, with the outcome."""
    k = get_object_or_404(KomentarReviu.objects.select_related("satker"), pk=komentar_id)
    get_satker(request, k.satker.kode)  # 404 for whoever may not read the office
    try:
        aksi(k)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, berhasil)
    tujuan = reverse("laporan:pemeriksaan", args=[k.satker.kode, k.tahun])
    return redirect(f"{tujuan}#komentar-{k.pk}")


@login_required
@require_POST
def komentar_jawab(request: HttpRequest, komentar_id: int) -> HttpResponse:
    def jawab(k):
        services.komentar_answer(
            komentar=k,
            jenis=request.POST.get("jenis", ""),
            jawaban=request.POST.get("jawaban", ""),
            by=request.user,
        )

    return _aksi_komentar(request, komentar_id, jawab, "Jawaban disimpan; reviewer diberi tahu.")


@login_required
@require_POST
def komentar_tutup(request: HttpRequest, komentar_id: int) -> HttpResponse:
    def tutup(k):
        services.komentar_close(komentar=k, by=request.user)

    return _aksi_komentar(request, komentar_id, tutup, "Komentar diselesaikan.")


@login_required
@require_POST
def reviu_apip(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The inspectorate records its review of the draft (the report prints its statement)."""
    satker = get_satker(request, kode)
    try:
        services.reviu_apip_record(
            satker=satker,
            tahun=tahun,
            pernyataan=request.POST.get("pernyataan", ""),
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Reviu APIP dicatat; laporan memuat Pernyataan Telah Direviu.")
    return redirect(reverse("laporan:pemeriksaan", args=[kode, tahun]) + "#reviu-apip")


@login_required
def identitas(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The report's date and who signs it (LK Ketua or LK Sekretariat)."""
    satker = get_satker(request, kode, tulis=True)
    terakhir = LaporanKinerja.objects.filter(satker=satker, tahun=tahun).order_by("-versi").first()
    awal = (
        terakhir if terakhir and not terakhir.final else LaporanKinerja(satker=satker, tahun=tahun)
    )
    form = IdentitasForm(request.POST or None, instance=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.laporan_identitas_save(
                satker=satker, tahun=tahun, data=form.cleaned_data, oleh=request.user
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Tanggal dan penanda tangan laporan disimpan.")
            return redirect("laporan:pemeriksaan", kode, tahun)
    return render(
        request,
        "kinerja/form.html",
        {
            "form": form,
            "satker": satker,
            "judul": f"Tanggal dan penanda tangan LKjIP {tahun}",
            "batal": reverse("laporan:pemeriksaan", args=[kode, tahun]),
        },
    )


@login_required
@require_POST
def justifikasi(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    form = JustifikasiForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Catatan pemeriksaan tidak dikenal.")
        return redirect("laporan:pemeriksaan", kode, tahun)
    kunci = form.cleaned_data["kunci"]
    if "hapus" in request.POST:
        if services.justifikasi_delete(satker=satker, tahun=tahun, kunci=kunci):
            messages.success(request, "Justifikasi dihapus; catatan ini kembali terbuka.")
        return redirect(reverse("laporan:pemeriksaan", args=[kode, tahun]) + f"#{kunci}")
    try:
        services.justifikasi_save(
            satker=satker,
            tahun=tahun,
            kunci=kunci,
            teks=form.cleaned_data["teks"],
            oleh=request.user,
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Justifikasi disimpan.")
    return redirect(reverse("laporan:pemeriksaan", args=[kode, tahun]) + f"#{kunci}")


@login_required
@require_POST
def finalkan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """Ask for the finalisation; the PDF renders in the worker and the page follows it."""
    satker = get_satker(request, kode)
    try:
        tugas = services.laporan_request_finalise(satker=satker, tahun=tahun, oleh=request.user)
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
        return redirect("laporan:pemeriksaan", kode, tahun)
    return redirect("laporan:finalkan_progres", kode, tahun, tugas.pk)


@login_required
def finalkan_progres(request: HttpRequest, kode: str, tahun: int, pdf_id: int) -> HttpResponse:
    satker = get_satker(request, kode)
    tugas = get_object_or_404(
        PdfLaporan, pk=pdf_id, satker=satker, tahun=tahun, final_oleh__isnull=False
    )
    konteks = {"satker": satker, "lap": SimpleNamespace(tahun=tahun), **_progres(tugas)}
    return render(request, "laporan/finalkan.html", konteks)


def _unduh_final(satker: Satker, laporan: LaporanKinerja | None) -> FileResponse:
    if laporan is None:
        raise Http404("Belum ada laporan final.")
    resp = FileResponse(
        laporan.pdf.open("rb"),
        content_type="application/pdf",
        filename=_nama_berkas(satker, laporan.tahun, f"-v{laporan.versi}.pdf"),
    )
    resp["X-Content-SHA256"] = laporan.sha256
    return resp


@login_required
def final_pdf(request: HttpRequest, kode: str, tahun: int) -> FileResponse:
    satker = get_satker(request, kode)
    return _unduh_final(satker, laporan_final(satker, tahun))


@login_required
def versi_pdf(request: HttpRequest, kode: str, tahun: int, versi: int) -> FileResponse:
    satker = get_satker(request, kode)
    return _unduh_final(
        satker,
        get_object_or_404(
            LaporanKinerja,
            satker=satker,
            tahun=tahun,
            versi=versi,
            status=LaporanKinerja.Status.FINAL,
        ),
    )


# ---------------------------------------------------------------- content added to chapters


def _get_isi(request: HttpRequest, isi_id: int) -> IsiBab:
    isi = get_object_or_404(IsiBab.objects.select_related("satker"), pk=isi_id)
    get_satker(request, isi.satker.kode, tulis=True)
    return isi


@login_required
def isi_daftar(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """What the office added to each chapter, in print order, with its number in the report."""
    satker = get_satker(request, kode)
    lap = build_laporan(satker, tahun)
    return render(
        request,
        "laporan/isi_daftar.html",
        {
            "satker": satker,
            "lap": lap,
            "isi": konteks_isi(lap),
            "boleh_ubah": can_write(request.user, satker),
        },
    )


def _simpan_isi(request: HttpRequest, isi: IsiBab) -> HttpResponse:
    form = IsiBabForm(
        request.POST or None,
        request.FILES or None,
        instance=isi,
        satker=isi.satker,
        tahun=isi.tahun,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.isi_bab_save(obj=isi, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Isi laporan disimpan.")
            return redirect("laporan:isi_daftar", kode=isi.satker.kode, tahun=isi.tahun)
    judul = f"Ubah: {isi.judul}" if isi.pk else f"Tambah isi LKjIP {isi.tahun}"
    return render(
        request, "kinerja/form.html", {"form": form, "judul": judul, "satker": isi.satker}
    )


@login_required
def isi_tambah(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    return _simpan_isi(request, IsiBab(satker=satker, tahun=tahun))


@login_required
def isi_ubah(request: HttpRequest, isi_id: int) -> HttpResponse:
    return _simpan_isi(request, _get_isi(request, isi_id))


@login_required
@require_POST
def isi_hapus(request: HttpRequest, isi_id: int) -> HttpResponse:
    isi = _get_isi(request, isi_id)
    services.isi_bab_delete(obj=isi, by=request.user)
    messages.success(request, f"{isi} dihapus.")
    return redirect("laporan:isi_daftar", kode=isi.satker.kode, tahun=isi.tahun)
