"""The report as a Word document (DOCX), laid out from the same HTML the PDF is made from.

`render_html(lap, untuk_pdf=True)` is the one rendering of the report's content; this module
maps its elements onto Word's own structures, so that everything the PDF prints is in the DOCX
too and the office can go on editing in Word:

- h1-h4 become the styles Heading 1-4 (Word's navigation pane and table of contents use them);
- the Daftar Isi, Daftar Tabel and Daftar Gambar become TOC fields (Word fills in the page
  numbers when it opens the file), over the table and figure captions in the styles
  "Judul Tabel" and "Judul Gambar";
- tables become Word tables with a repeated header row and merged cells where the HTML spans
  rows; figures become pictures (SVG charts rasterised with CairoSVG);
- the cover, the front matter (pages i, ii, ...) and the body (pages 1, 2, ...) are three Word
  sections with the report's running header and a PAGE field in the footer;
- signature blocks become borderless tables, as in the PDF.

Nothing here reads the database or computes a figure.
"""

from __future__ import annotations

import base64
import io
import re

import cairosvg
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from lxml import etree
from lxml import html as lhtml

SERIF = "Liberation Serif"
SANS = "Liberation Sans"
LEBAR_ISI = Cm(16.5)  # A4 minus the PDF's margins (25 mm and 20 mm)
_HURUF_PER_BARIS = 95  # characters of 8.5 pt Liberation Sans across LEBAR_ISI
_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPASI = re.compile(r"\s+")
_KANAN = {"angka", "persen", "rupiah"}
_NAMA_SVG = {
    n.lower(): n
    for n in (
        "viewBox",
        "patternUnits",
        "patternTransform",
        "patternContentUnits",
        "preserveAspectRatio",
        "gradientUnits",
        "gradientTransform",
        "textLength",
    )
}
_KAPITAL_SVG = re.compile(rb"\b(" + "|".join(_NAMA_SVG).encode() + rb")=")
_DAFTAR = {
    "daftar-isi": 'TOC \\o "1-3" \\h \\z \\u',
    "daftar-tabel": 'TOC \\h \\z \\t "Judul Tabel,1"',
    "daftar-gambar": 'TOC \\h \\z \\t "Judul Gambar,1"',
}


def docx_dari_html(html: str) -> bytes:
    """The DOCX of a report (or of any document) rendered by the report's templates."""
    akar = lhtml.document_fromstring(html)
    doc = Document()
    _gaya(doc)
    judul = akar.findtext(".//title") or ""
    doc.core_properties.title = _bersih(judul)
    doc.core_properties.language = "id-ID"
    body = akar.find("body")
    _Penulis(doc, body.get("data-kepala", judul), draf="DRAF" in html[:3000]).tulis(body)
    _perbarui_saat_dibuka(doc)
    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()


def _bersih(teks: str) -> str:
    return _KONTROL.sub("", teks or "")


def _kelas(el) -> set[str]:
    return set((el.get("class") or "").split())


def _gaya(doc) -> None:
    gaya = doc.styles
    normal = gaya["Normal"]
    normal.font.name, normal.font.size = SERIF, Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for n, ukuran in ((1, 14), (2, 12), (3, 11), (4, 10.5)):
        h = gaya[f"Heading {n}"]
        h.font.name, h.font.size, h.font.bold = SANS if n < 4 else SERIF, Pt(ukuran), True
        h.font.italic = False
        h.font.color.rgb = RGBColor(0, 0, 0)
        h.paragraph_format.space_before = Pt(12 if n < 4 else 6)
        h.paragraph_format.space_after = Pt(6 if n == 1 else 3)
        h.paragraph_format.keep_with_next = True
        # The template's headings name theme fonts, which Word prefers over a named font.
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            h.element.rPr.rFonts.attrib.pop(qn(attr), None)
    gaya["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for nama in ("Judul Tabel", "Judul Gambar"):
        s = gaya.add_style(nama, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = normal
        s.font.name, s.font.size, s.font.bold = SANS, Pt(9.5), True
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        s.paragraph_format.space_before = Pt(8)
        s.paragraph_format.keep_with_next = nama == "Judul Tabel"
    tabel = gaya.add_style("Isi Tabel", WD_STYLE_TYPE.PARAGRAPH)
    tabel.base_style = normal
    tabel.font.name, tabel.font.size = SANS, Pt(8.5)
    tabel.paragraph_format.space_after = Pt(0)
    tabel.paragraph_format.line_spacing = 1.0
    catatan = gaya.add_style("Catatan", WD_STYLE_TYPE.PARAGRAPH)
    catatan.base_style = normal
    catatan.font.size = Pt(8)


def _field(paragraf, instruksi: str, *, tutup: bool = True) -> None:
    """A Word field (PAGE, TOC ...): begin, instruction, separate[, end]."""

    def fld(jenis):
        r = paragraf.add_run()
        e = OxmlElement("w:fldChar")
        e.set(qn("w:fldCharType"), jenis)
        if jenis == "begin":
            e.set(qn("w:dirty"), "true")
        r._r.append(e)

    fld("begin")
    r = paragraf.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruksi} "
    r._r.append(instr)
    fld("separate")
    if tutup:
        fld("end")


def _tutup_field(paragraf) -> None:
    r = paragraf.add_run()
    e = OxmlElement("w:fldChar")
    e.set(qn("w:fldCharType"), "end")
    r._r.append(e)


def _perbarui_saat_dibuka(doc) -> None:
    """Ask Word to fill in the TOC fields' page numbers when the file is opened."""
    e = OxmlElement("w:updateFields")
    e.set(qn("w:val"), "true")
    doc.settings.element.append(e)


def _nomor_halaman(section, format_: str) -> None:
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:fmt"), format_)
    pg.set(qn("w:start"), "1")
    section._sectPr.append(pg)


class _Penulis:
    def __init__(self, doc, kepala: str, *, draf: bool):
        self.doc, self.kepala, self.draf = doc, _bersih(kepala), draf
        self.bagian = 0  # sections of the document begun so far
        self.awal_bagian = True  # nothing written yet in the current section
        s = doc.sections[0]
        s.page_width, s.page_height = Cm(21), Cm(29.7)
        s.top_margin, s.bottom_margin = Cm(2.2), Cm(2.2)
        s.left_margin, s.right_margin = Cm(2.5), Cm(2.0)

    # -------------------------------------------------------------- structure

    def tulis(self, body) -> None:
        for el in body:
            if el.tag == "section":
                self._bagian(el)
            else:
                self._blok(self.doc, el)

    def _bagian(self, el) -> None:
        kelas = _kelas(el)
        if "sampul" in kelas:
            self._sampul(el)
            return
        if kelas & {"depan", "isi"}:
            self._section_baru("lowerRoman" if "depan" in kelas else "decimal")
        for anak in el:
            self._blok(self.doc, anak)

    def _section_baru(self, format_: str) -> None:
        s = self.doc.add_section(WD_SECTION.NEW_PAGE) if self.bagian else self.doc.sections[0]
        self.bagian += 1
        self.awal_bagian = True
        _nomor_halaman(s, format_)
        for hf in (s.header, s.footer):
            hf.is_linked_to_previous = False
        kepala = s.header.paragraphs[0]
        kepala.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = kepala.add_run(self.kepala + ("  —  DRAF" if self.draf else ""))
        run.font.size, run.font.name = Pt(8), SANS
        kaki = s.footer.paragraphs[0]
        kaki.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(kaki, "PAGE", tutup=False)
        kaki.add_run("1")
        _tutup_field(kaki)

    def _sampul(self, el) -> None:
        """The cover: its own section, without header or page number."""
        self.bagian += 1
        for anak in el:
            if anak.tag == "p":
                p = self.doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                kelas = _kelas(anak)
                ukuran = {"sampul-judul": 26, "sampul-sub": 14, "sampul-lembaga": 18}
                ukuran |= {"sampul-tahun": 20, "sampul-alamat": 10, "sampul-versi": 9}
                k = next((k for k in kelas if k in ukuran), None)
                run = p.add_run(_teks(anak))
                run.font.name = SANS
                run.font.bold = k in {"sampul-judul", "sampul-lembaga", "sampul-tahun"}
                if k:
                    run.font.size = Pt(ukuran[k])
                p.paragraph_format.space_after = Pt(24)
            else:
                svg = anak.find(".//svg")
                if svg is not None:
                    p = self.doc.add_paragraph()
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    self._svg(p, svg)

    # ---------------------------------------------------------------- blocks

    def _blok(self, wadah, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        kelas = _kelas(el)
        if tag in {"h1", "h2", "h3", "h4"}:
            self._judul(el, int(tag[1]))
        elif tag == "p":
            self._paragraf(wadah, el)
        elif tag in {"ul", "ol"}:
            if "toc" in kelas:
                self._daftar_isi(el)
            else:
                self._daftar(wadah, el, bernomor=tag == "ol")
        elif tag == "figure":
            self._figure(wadah, el)
        elif tag == "table":
            self._tabel(wadah, el)
        elif tag == "div" and "ttd" in kelas:
            self._ttd(wadah, [el])
        elif tag == "div" and "ttd-dua" in kelas:
            self._ttd(wadah, [d for d in el if "ttd" in _kelas(d)])
        elif tag in {"div", "section"}:
            for anak in el:
                self._blok(wadah, anak)
        elif tag == "svg":
            self._svg(wadah.add_paragraph(), el)

    def _judul(self, el, tingkat: int) -> None:
        h = _paragraf(self.doc, f"Heading{tingkat}")
        _isi_runs(h, el, pisah_baris=False)
        if tingkat == 1 and not self.awal_bagian:
            h.paragraph_format.page_break_before = True
        if "tengah" in _kelas(el):
            h.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.awal_bagian = False
        self.judul_terakhir = el.get("id", "")

    def _paragraf(self, wadah, el) -> None:
        p = wadah.add_paragraph()
        kelas = _kelas(el)
        _isi_runs(p, el, miring="kutip" in kelas, tebal="kop" in kelas)
        if kelas & {"tengah", "kop"}:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif wadah is self.doc:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if "kutip" in kelas:
            p.paragraph_format.left_indent = Cm(0.8)
        if kelas & {"catatan", "pk-asal", "status-pk"}:
            _gaya_paragraf(p, "Catatan")
        self.awal_bagian = False

    def _daftar(self, wadah, el, *, bernomor: bool) -> None:
        for n, li in enumerate(el.findall("li"), 1):
            p = _paragraf(wadah, None if bernomor else "ListBullet")
            if bernomor:
                p.paragraph_format.left_indent = Cm(0.8)
                p.paragraph_format.first_line_indent = Cm(-0.6)
                p.add_run(f"{n}.\t")
            _isi_runs(p, li)
            if wadah is self.doc:
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def _daftar_isi(self, el) -> None:
        """A TOC field whose stored result is the HTML's list (without page numbers) until Word
        updates it."""
        instruksi = _DAFTAR.get(getattr(self, "judul_terakhir", ""), _DAFTAR["daftar-isi"])
        entri = [_teks(li) for li in el.findall("li")] or ["(kosong)"]
        for i, teks in enumerate(entri):
            p = self.doc.add_paragraph()
            if i == 0:
                _field(p, instruksi, tutup=False)
            p.add_run(_bersih(teks))
            if i == len(entri) - 1:
                _tutup_field(p)

    def _figure(self, wadah, el) -> None:
        kelas = _kelas(el)
        caption = el.find("figcaption")
        if "tabel" in kelas:
            if caption is not None:
                self._caption(wadah, caption, "Judul Tabel")
            for anak in el:
                if anak.tag != "figcaption":
                    self._blok(wadah, anak)
            return
        for gambar in el.iter("svg", "img"):
            p = wadah.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            if gambar.tag == "svg":
                self._svg(p, gambar)
            else:
                self._img(p, gambar)
            break
        if caption is not None:
            self._caption(wadah, caption, "Judul Gambar")

    def _caption(self, wadah, caption, gaya: str) -> None:
        """The caption's number and title on one line in a caption style (which the lists of
        tables and figures collect); a <small> note under it."""
        kecil = [c for c in caption if c.tag == "small"]
        for c in kecil:
            c.drop_tree()
        _paragraf(wadah, gaya.replace(" ", "")).add_run(_teks(caption))
        for c in kecil:
            p = _paragraf(wadah, "Catatan")
            p.add_run(_teks(c))
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # ---------------------------------------------------------------- tables

    def _tabel(self, wadah, el) -> None:
        baris_html = [tr for tr in el.iter("tr")]
        if not baris_html:
            return
        kepala = {id(tr) for tr in el.iterfind("thead/tr")}
        grid, gabung = _grid(baris_html)
        n_kolom = max(len(r) for r in grid)
        tabel = wadah.add_table(rows=len(grid), cols=n_kolom)
        tanpa_garis = "identitas" in _kelas(el)
        if not tanpa_garis:
            tabel.style = self.doc.styles["Table Grid"]
        tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
        lebar = _lebar_kolom(el, grid, n_kolom)
        tabel.autofit = False
        for kolom, w in zip(tabel.columns, lebar, strict=True):
            kolom.width = w
        _margin_sel(tabel)
        for r, (tr, isi_baris) in enumerate(zip(baris_html, grid, strict=True)):
            row = tabel.rows[r]
            sel_row = row.cells
            judul = id(tr) in kepala
            if judul:
                trPr = row._tr.get_or_add_trPr()
                h = OxmlElement("w:tblHeader")
                trPr.append(h)
            kaki = "kaki" in _kelas(tr)
            for c, td in enumerate(isi_baris):
                if td is None:
                    continue
                sel = sel_row[c]
                sel.width = lebar[c]
                p = sel.paragraphs[0]
                kelas_td = _kelas(td)
                if not tanpa_garis:
                    _gaya_paragraf(p, "IsiTabel")
                _isi_runs(
                    p, td, tebal=judul or kaki or "tebal" in kelas_td, miring="kosong" in kelas_td
                )
                if judul or "kosong" in kelas_td:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif kelas_td & _KANAN:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if judul:
                    _latar(sel, "E3E8EF")
        for (r, c), rentang in gabung.items():
            tabel.cell(r, c).merge(tabel.cell(r + rentang - 1, c))
        self.awal_bagian = False

    def _ttd(self, wadah, blok: list) -> None:
        """Signature blocks side by side (one block sits on the right), without borders."""
        tabel = wadah.add_table(rows=1, cols=2)
        sel = tabel.rows[0].cells
        mulai = 2 - len(blok)
        for i, ttd in enumerate(blok[:2]):
            s = sel[mulai + i]
            s.paragraphs[0]._p.getparent().remove(s.paragraphs[0]._p)
            for p_html in ttd.findall("p"):
                p = s.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(0)
                kelas = _kelas(p_html)
                _isi_runs(p, p_html, tebal=bool(kelas & {"jabatan", "nama"}))
                if "jabatan" in kelas:
                    p.paragraph_format.space_after = Pt(56)
                if "nama" in kelas:
                    for run in p.runs:
                        run.font.underline = True
        self.awal_bagian = False

    # ---------------------------------------------------------------- pictures

    def _svg(self, paragraf, svg) -> None:
        # The HTML parser lower-cases names (viewBox, patternUnits ...) and drops the
        # namespace; SVG needs both.
        svg.attrib.pop("xmlns", None)
        kotak = svg.get("viewbox")
        data = etree.tostring(svg).replace(b"<svg", b'<svg xmlns="http://www.w3.org/2000/svg"', 1)
        data = _KAPITAL_SVG.sub(lambda m: _NAMA_SVG[m.group(1).decode()].encode() + b"=", data)
        lebar = _px(svg.get("width")) or _px((kotak or "0 0 400 0").split()[2]) or 400
        png = cairosvg.svg2png(bytestring=data, scale=2)
        self._gambar(paragraf, png, lebar)

    def _img(self, paragraf, img) -> None:
        src = img.get("src") or ""
        if not src.startswith("data:") or "," not in src:
            return
        data = base64.b64decode(src.split(",", 1)[1])
        try:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as i:
                lebar = i.width
        except OSError:
            return
        self._gambar(paragraf, data, lebar)

    def _gambar(self, paragraf, data: bytes, lebar_px: float) -> None:
        lebar = min(Emu(int(lebar_px * 9525)), LEBAR_ISI)
        paragraf.add_run().add_picture(io.BytesIO(data), width=lebar)


def _paragraf(wadah, gaya: str | None):
    """A new paragraph in a style named by its id (python-docx's lookup by name reads the whole
    style sheet for every paragraph)."""
    p = wadah.add_paragraph()
    if gaya:
        _gaya_paragraf(p, gaya)
    return p


def _gaya_paragraf(p, gaya_id: str) -> None:
    p._p.get_or_add_pPr().get_or_add_pStyle().val = gaya_id


def _px(nilai) -> float:
    if not nilai:
        return 0
    m = re.match(r"[\d.]+", str(nilai))
    return float(m.group()) if m else 0


def _margin_sel(tabel) -> None:
    """Cell padding of about 1 mm, as in the PDF (Word's default is twice that)."""
    tblPr = tabel._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for sisi in ("left", "right"):
        e = OxmlElement(f"w:{sisi}")
        e.set(qn("w:w"), "57")
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    tblPr.append(mar)


def _latar(sel, warna: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    sel._tc.get_or_add_tcPr().append(shd)


def _grid(baris_html) -> tuple[list[list], dict[tuple[int, int], int]]:
    """HTML rows onto a grid: a cell spanning rows occupies the cells below it (None)."""
    grid: list[list] = []
    terisi: dict[tuple[int, int], bool] = {}
    gabung = {}
    for r, tr in enumerate(baris_html):
        baris, c = [], 0
        for td in tr:
            if td.tag not in {"td", "th"}:
                continue
            while terisi.get((r, c)):
                baris.append(None)
                c += 1
            baris.append(td)
            rentang = int(td.get("rowspan") or 1)
            if rentang > 1:
                rentang = min(rentang, len(baris_html) - r)
                gabung[(r, c)] = rentang
                for k in range(1, rentang):
                    terisi[(r + k, c)] = True
            c += 1
        while terisi.get((r, c)):
            baris.append(None)
            c += 1
        grid.append(baris)
    n = max(len(b) for b in grid)
    return [b + [None] * (n - len(b)) for b in grid], gabung


def _lebar_kolom(el, grid: list[list], n: int) -> list:
    """Column widths that do not break a word or a number: each column gets at least its
    longest word (a whole figure for number cells); the rest of the line goes by the widths
    the template gives (its colgroup) or else by each column's longest text."""
    persen = [_px(c.get("style", "").replace("width:", "")) for c in el.iterfind("colgroup/col")]
    minimum, suka = [2] * n, [3] * n
    for baris in grid:
        for c, sel in enumerate(baris):
            if sel is None:
                continue
            teks = _teks(sel)
            utuh = _kelas(sel) & _KANAN
            kata = len(teks) if utuh else max((len(k) for k in teks.split()), default=0)
            minimum[c] = max(minimum[c], min(kata, 24) + 2)  # and the cell's padding
            suka[c] = max(suka[c], min(len(teks), 40))
    if len(persen) == n and all(persen):
        suka = [p * _HURUF_PER_BARIS / 100 for p in persen]
    suka = [max(s, m) for s, m in zip(suka, minimum, strict=True)]
    if sum(suka) <= _HURUF_PER_BARIS or sum(minimum) >= _HURUF_PER_BARIS:
        bobot = suka if sum(minimum) < _HURUF_PER_BARIS else minimum
    else:
        sisa = _HURUF_PER_BARIS - sum(minimum)
        lebih = [s - m for s, m in zip(suka, minimum, strict=True)]
        bobot = [m + sisa * x / sum(lebih) for m, x in zip(minimum, lebih, strict=True)]
    total = sum(bobot)
    return [Emu(int(LEBAR_ISI * b / total)) for b in bobot]


def _teks(el) -> str:
    """The element's text on one line (line breaks as spaces)."""
    potong = [el.text or ""]
    for anak in el:
        potong.append(" " if anak.tag == "br" else _teks(anak))
        potong.append(anak.tail or "")
    return _SPASI.sub(" ", "".join(potong)).strip()


def _isi_runs(
    paragraf,
    el,
    *,
    tebal=False,
    miring=False,
    ukuran=None,
    pisah_baris=True,
) -> None:
    """The element's inline content as runs: <strong>/<b> bold, <em>/<i> italic, <small>
    smaller, <br> a line break (or a space, for headings)."""
    awal = [True]

    def tambah(teks, b, i, u):
        teks = _SPASI.sub(" ", _bersih(teks))
        if awal[0]:
            teks = teks.lstrip()
        if not teks:
            return
        awal[0] = False
        run = paragraf.add_run()
        run._r.add_t(teks)  # whitespace is already collapsed: no per-character tab handling
        if b:
            run.bold = True
        if i:
            run.italic = True
        if u:
            run.font.size = u

    def jalan(e, b, i, u):
        tambah(e.text or "", b, i, u)
        for anak in e:
            tag = anak.tag if isinstance(anak.tag, str) else ""
            if tag == "br":
                if pisah_baris:
                    paragraf.add_run().add_break(WD_BREAK.LINE)
                    awal[0] = True
                else:
                    tambah(" ", b, i, u)
            elif tag in {"svg", "img", "style", "script"}:
                pass
            else:
                jalan(
                    anak,
                    b or tag in {"strong", "b"},
                    i or tag in {"em", "i"},
                    Pt(max((u or Pt(11)).pt - 2, 7)) if tag == "small" else u,
                )
            tambah(anak.tail or "", b, i, u)

    jalan(el, tebal, miring, ukuran)
    teks = paragraf._p.findall(f"{qn('w:r')}/{qn('w:t')}")
    if teks:
        teks[-1].text = teks[-1].text.rstrip()
