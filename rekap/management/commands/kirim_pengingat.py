"""`manage.py kirim_pengingat [--tanggal YYYY-MM-DD]`: today's deadline reminders, in the
application and by e-mail. Idempotent: a second run on the same day sends nothing. Run it daily
(cron or a systemd timer, docs/deployment.md)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from rekap.pengingat import pengingat


class Command(BaseCommand):
    help = "Kirim pengingat tenggat SAKIP hari ini (aman dijalankan berulang kali)."

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="hari yang dihitung (YYYY-MM-DD); bawaan: hari ini")

    def handle(self, *args, tanggal=None, **options):
        try:
            hari = dt.date.fromisoformat(tanggal) if tanggal else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Tanggal tidak dikenal: {tanggal} (tulis YYYY-MM-DD).") from exc
        with transaction.atomic():
            terkirim = pengingat(hari)
        for n in terkirim:
            email = " + e-mail" if n.email_terkirim else ""
            self.stdout.write(f"- {n.penerima.get_username()}{email}: {n.judul}")
        self.stdout.write(f"{len(terkirim)} pengingat dikirim untuk {hari.isoformat()}.")
