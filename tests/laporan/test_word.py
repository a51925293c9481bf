"""The LKjIP and the PK as Word documents, read back with python-docx: Word's heading styles, a
TOC field, numbered table and figure captions, every table of the report with all its rows,
page numbers in the footer, and the figures the PDF prints."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from common import format as fmt
from kinerja.selectors import kebijakan_untuk, pengukuran_pk, perjanjian_terbaru
from laporan.render import daftar_gambar, render_docx
from laporan.selectors import build_laporan
from laporan.tabel import urutan_nomor

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _isi_berurutan(doc):
    """Paragraphs and tables of the body in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for el in doc.element.body.iterchildren():
        if el.tag.endswith("}p"):
            yield Paragraph(el, doc)
        elif el.tag.endswith("}tbl"):
            yield Table(el, doc)


def _teks(doc) -> str:
    potong = []
    for blok in _isi_berurutan(doc):
        if hasattr(blok, "rows"):
            potong += [c.text for r in blok.rows for c in r.cells]
        else:
            potong.append(blok.text)
    return " ".join(" ".join(potong).split())


def test_the_lkjip_in_word_has_the_reports_structure_and_figures(kantor, tmp_path):
    lap = build_laporan(kantor.satker, 2024)
    berkas = tmp_path / "lkjip.docx"
    out = io.StringIO()
    call_command("lkjip", "1672", "2024", "--format", "docx", "-o", str(berkas), stdout=out)
    assert f"{berkas}: {kantor.satker.nama} 2024" in out.getvalue()
    doc = Document(str(berkas))

    bab1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    for judul in (
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
    ):
        assert judul in bab1
    assert bab1[-2:] == ["BAB IV PENUTUP", "LAMPIRAN"]
    assert "A. Latar Belakang" in [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]

    # every table of the report, numbered as in the PDF, followed by a Word table with its rows
    urut = list(_isi_berurutan(doc))
    tabel = sorted(lap.tabel.values(), key=urutan_nomor)
    judul_tabel = [
        (i, b.text)
        for i, b in enumerate(urut)
        if getattr(b, "style", None) is not None and b.style.name == "Judul Tabel"
    ]
    assert [t for _, t in judul_tabel] == [f"Tabel {t.nomor} {t.judul}" for t in tabel]
    for (i, _), t in zip(judul_tabel, tabel, strict=True):
        word = urut[i + 1]
        assert len(word.rows) == 1 + len(t.baris) + len(t.kaki), t.nomor
        assert [c.text for c in word.rows[0].cells] == list(t.kolom)
    gambar = [p.text for p in doc.paragraphs if p.style.name == "Judul Gambar"]
    assert gambar == [f"Gambar {g.nomor} {g.judul}" for g in daftar_gambar(lap).values()]
    assert len(doc.inline_shapes) == len(gambar) + 1  # and the emblem on the cover

    xml = doc.element.xml
    assert 'TOC \\o "1-3" \\h \\z \\u' in xml
    assert 'TOC \\h \\z \\t "Judul Tabel,1"' in xml and '"Judul Gambar,1"' in xml
    assert 'w:fmt="lowerRoman"' in xml and 'w:fmt="decimal"' in xml
    assert len(doc.sections) == 3
    kaki = doc.sections[2].footer._element.xml
    assert "PAGE" in kaki
    assert doc.sections[2].header.paragraphs[0].text.startswith(f"Laporan Kinerja {lap.nama}")

    teks = _teks(doc)
    kebijakan = kebijakan_untuk(kantor.satker, 2024)
    for pk in perjanjian_terbaru(kantor.satker, 2024).values():
        for u in pengukuran_pk(pk, kebijakan):
            assert f"{u.baris.indikator}: target {u.baris.target}" in teks
            if u.capaian.nilai is not None:
                assert f"capaian {fmt.persen(u.capaian.nilai)}" in teks
    assert fmt.rupiah(lap.anggaran.total.pagu) in teks
    assert "Ibrahim Putra" in teks  # the signature block


@pytest.mark.parametrize(
    "persona, status",
    [("operator_a", 200), ("reviewer", 200), ("operator_b", 404), ("anonim", 302)],
)
def test_word_buttons_download_the_lkjip_and_each_pk(client, kantor, personas, persona, status):
    if persona != "anonim":
        client.force_login(getattr(personas, persona))
    for url in (
        reverse("laporan:docx", args=["1672", 2024]),
        reverse("laporan:pk_docx", args=["1672", 2024, "kpu"]),
    ):
        resp = client.get(url)
        assert resp.status_code == status, url
        if status == 200:
            assert resp["Content-Type"] == DOCX
            Document(io.BytesIO(resp.content))
    if status != 200:
        return
    resp = client.get(reverse("laporan:pk_docx", args=["1672", 2024, "kpu"]))
    assert 'filename="pk-1672-2024-kpu.docx"' in resp["Content-Disposition"]
    doc = Document(io.BytesIO(resp.content))
    teks = _teks(doc)
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks
    for b in kantor.pk_kpu.baris.all():
        assert b.indikator in teks and b.target in teks
    assert client.get(reverse("laporan:pk_docx", args=["1672", 2024, "x"])).status_code == 404
    pratinjau = client.get(reverse("laporan:pratinjau", args=["1672", 2024])).content.decode()
    assert reverse("laporan:docx", args=["1672", 2024]) in pratinjau


def test_text_that_looks_like_markup_or_has_control_characters_stays_text(kantor):
    from laporan.models import NarasiLaporan

    NarasiLaporan.objects.create(
        satker=kantor.satker,
        tahun=2024,
        bagian="penutup",
        teks="<b>tebal?</b> & =SUM(A1:A2)\x07 selesai",
    )
    doc = Document(io.BytesIO(render_docx(build_laporan(kantor.satker, 2024))))
    assert "<b>tebal?</b> & =SUM(A1:A2) selesai" in _teks(doc)
