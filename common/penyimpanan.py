"""Uploaded evidence and rendered PDFs are written whole or not at all."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage

log = logging.getLogger(__name__)
PESAN_DISK = (
    "Berkas tidak dapat disimpan: ruang penyimpanan server penuh atau tidak dapat ditulisi. "
    "Tidak ada data yang diubah; coba lagi nanti atau hubungi admin."
)


class PenyimpananUtuh(FileSystemStorage):
    """Django's file storage, but a write that fails halfway (a full disk) removes the part it
    wrote and is refused with a message for the user, like any other refusal; the change that
    carried the file is rolled back with it."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError as exc:
            log.error("Menulis %s gagal: %s", name, exc)
            self.delete(name)
            raise ValidationError(PESAN_DISK, code="disk") from exc
