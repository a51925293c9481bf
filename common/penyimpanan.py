"""Uploaded evidence and rendered PDFs are written whole or not at all."""

from __future__ import annotations

import logging
import mimetypes

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404

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


def respon_berkas(berkas) -> FileResponse:
    """An uploaded evidence file, shown in the browser but never run there: its type from its
    name (checked by its first bytes when uploaded), no sniffing, a sandbox; 404 when the row
    has none or the file is gone."""
    if not berkas:
        raise Http404("Tidak ada berkas bukti.")
    try:
        isi = berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas bukti tidak ditemukan.") from exc
    nama = berkas.name.rsplit("/", 1)[-1]
    jenis = mimetypes.guess_type(nama)[0] or "application/octet-stream"
    resp = FileResponse(isi, content_type=jenis, filename=nama, as_attachment=False)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return resp
