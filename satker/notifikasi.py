"""Notifications (issue 16): one function sends them, every event calls it.

In the application every notification is a row (the bell counts the unread ones); by e-mail
through Django's e-mail framework (the console on the embedded default, SMTP in production,
docs/deployment.md), in Bahasa Indonesia with the link to the exact page, after the change that
caused it is committed, unless the person turned that kind off.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from satker.models import EmailMati, Notifikasi, Peran, Satker

J = Notifikasi.Jenis


def kirim(
    *,
    penerima: Iterable[User],
    jenis: str,
    judul: str,
    tautan: str,
    kunci: str = "",
) -> list[Notifikasi]:
    """Notify each person once (once per `kunci` when one is given); returns those created."""
    orang = {u.pk: u for u in penerima if u is not None and u.is_active}
    if not orang:
        return []
    sudah = set()
    if kunci:
        sudah = set(
            Notifikasi.objects.filter(penerima_id__in=orang, kunci=kunci).values_list(
                "penerima_id", flat=True
            )
        )
    mati = set(
        EmailMati.objects.filter(user_id__in=orang, jenis=jenis).values_list("user_id", flat=True)
    )
    dibuat = []
    for uid, user in orang.items():
        if uid in sudah:
            continue
        n = Notifikasi(penerima=user, jenis=jenis, judul=judul[:300], tautan=tautan, kunci=kunci)
        n.email_terkirim = bool(user.email) and uid not in mati
        try:
            with transaction.atomic():
                n.save()
        except IntegrityError:  # the same reminder written meanwhile by another run
            continue
        dibuat.append(n)
        if n.email_terkirim:
            transaction.on_commit(lambda n=n: _email(n))
    return dibuat


def _email(n: Notifikasi) -> None:
    nama = n.penerima.get_full_name() or n.penerima.get_username()
    send_mail(
        subject=f"[SAKIP KPU] {n.judul}",
        message=(
            f"Yth. {nama},\n\n{n.judul}.\n\nBuka: {settings.SITUS_URL.rstrip('/')}{n.tautan}\n\n"
            "Pesan ini dikirim otomatis oleh SAKIP KPU. Pengiriman e-mail untuk jenis pesan "
            "ini dapat dimatikan di halaman Notifikasi.\n"
        ),
        from_email=None,
        recipient_list=[n.penerima.email],
        fail_silently=True,
    )


def staf(satker: Satker, *jenis: str) -> list[User]:
    """The people with one of these roles at the office."""
    return [
        p.user for p in Peran.objects.filter(satker=satker, jenis__in=jenis).select_related("user")
    ]


def reviewer_provinsi(satker: Satker) -> list[User]:
    """The reviewers of the office's province."""
    if satker.induk_id is None:
        return []
    return [
        p.user
        for p in Peran.objects.filter(
            satker_id=satker.induk_id, jenis=Peran.Jenis.REVIEWER
        ).select_related("user")
    ]


def belum_dibaca(user: User) -> int:
    return Notifikasi.objects.filter(penerima=user, dibaca__isnull=True).count()


def tandai_dibaca(user: User, ids: Iterable[int] | None = None) -> int:
    qs = Notifikasi.objects.filter(penerima=user, dibaca__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(dibaca=timezone.now())


def atur_email(user: User, nyala: Iterable[str]) -> None:
    """E-mail on for the kinds in `nyala`, off for the others."""
    nyala = set(nyala)
    EmailMati.objects.filter(user=user, jenis__in=nyala).delete()
    for jenis in J.values:
        if jenis not in nyala:
            EmailMati.objects.get_or_create(user=user, jenis=jenis)
