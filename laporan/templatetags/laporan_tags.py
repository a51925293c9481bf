"""Filters of the report templates; every figure is formatted through common.format."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from common import format as fmt
from common.tabel import Sel

register = template.Library()


def teks_sel(sel: Sel) -> str:
    """A table cell as printed (numbers without unit: the column header names it)."""
    n = sel.nilai
    if n is None or n == "":
        return sel.kosong
    if sel.jenis == "angka" and isinstance(n, int):
        teks = fmt.angka(n)  # a count: 3, not 3,00
    elif sel.jenis in ("persen", "angka"):
        teks = fmt.angka(n, 2)
    elif sel.jenis == "rupiah":
        teks = fmt.angka(int(n))
    elif sel.jenis == "tanggal":
        teks = fmt.tanggal(n)
    else:
        teks = str(n)
    return teks + sel.tanda


register.filter("sel", teks_sel)


@register.filter
def paragraf(teks: str) -> str:
    """Narrative text as HTML: blank lines separate paragraphs, lines starting "- " are lists.

    Every piece of the text is escaped; only the tags added here are markup.
    """
    blok = []
    for potong in teks.replace("\r\n", "\n").split("\n\n"):
        baris = [b.strip() for b in potong.split("\n") if b.strip()]
        if not baris:
            continue
        biasa = [b for b in baris if not b.startswith("- ")]
        daftar = [b[2:] for b in baris if b.startswith("- ")]
        if biasa:
            blok.append("<p>" + "<br>".join(escape(b) for b in biasa) + "</p>")
        if daftar:
            blok.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in daftar) + "</ul>")
    return mark_safe("".join(blok))  # noqa: S308 - built from escaped pieces only


@register.filter
def get_item(kamus: dict, kunci: object) -> object:
    return kamus.get(kunci)
