from django.db import models


class SatkerBerubah(models.Model):
    """A satker whose data changed since the worker's last sweep of the rekap (rekap/latar.py):
    the next sweep reads the fingerprints of these satker only. `satker_id` 0: every satker (a
    national policy, an import). Not a foreign key, so that a mark never blocks a deletion."""

    SEMUA = 0

    satker_id = models.PositiveIntegerField(primary_key=True)

    class Meta:
        verbose_name = "satker berubah (antrean rekap)"
        verbose_name_plural = "satker berubah (antrean rekap)"

    def __str__(self) -> str:
        return "semua satker" if self.satker_id == self.SEMUA else f"satker {self.satker_id}"
