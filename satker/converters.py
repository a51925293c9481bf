"""URL converters shared by every app."""


class TahunConverter:
    """A report year as the models accept it (2000-2100); anything else is not a URL of ours.

    `<int:tahun>` let `/laporan/1672/99999999999999999999/` through to the report builder, which
    failed with OverflowError (a server error) instead of 404.
    """

    regex = r"20[0-9]{2}|2100"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
