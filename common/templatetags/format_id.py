"""Template filters for Indonesian formats; registered as builtins in settings."""

from django import template

from common import format as fmt

register = template.Library()

register.filter("angka_id", fmt.angka)
register.filter("persen_id", fmt.persen)
register.filter("rupiah", fmt.rupiah)
register.filter("tanggal_id", fmt.tanggal)
register.filter("terbilang", fmt.terbilang)
register.filter("romawi", fmt.romawi)
register.filter("nama", fmt.nama_orang)
register.filter("sel_data", fmt.sel)


@register.simple_tag(takes_context=True)
def url_halaman(context, nomor: int) -> str:
    """The query string of another page of the same list, its filters kept."""
    params = context["request"].GET.copy()
    params["hal"] = nomor
    return "?" + params.urlencode()
