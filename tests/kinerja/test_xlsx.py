import pytest

from common.xlsx import teks_aman, teks_asli


@pytest.mark.parametrize("teks", ["=SUM(A1:A2)", "+62812", "-5", "@cmd", "biasa", "'kutip", ""])
def test_teks_bolak_balik(teks):
    aman = teks_aman(teks)
    assert not aman.startswith(("=", "+", "-", "@"))
    assert teks_asli(aman) == teks
