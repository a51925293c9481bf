"""The Django admin honours the locks (common/kunci.py) like every other channel."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse


def terkunci(obj) -> bool:
    """Whether `obj` is locked as stored (not as held in memory: a history revert holds the old,
    unlocked state of a locked row)."""
    kunci = getattr(obj, "KUNCI", None)
    if obj is None or obj.pk is None or kunci is None:
        return False
    return type(obj)._base_manager.filter(pk=obj.pk, **{kunci[0]: kunci[1]}).exists()


class HanyaBacaMixin:
    """Rows written only through their services (who may, and when, is checked there): the
    admin shows them and their history and changes nothing."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class KunciFormMixin:
    """No row is added to or moved into a locked parent (a draft PK row moved into a signed PK)."""

    def _post_clean(self):
        super()._post_clean()
        if self.instance.induk_terkunci():
            self.add_error(None, self.instance.PESAN_KUNCI)


class KunciAdminMixin:
    """A locked row, or one of a locked parent, cannot be changed, deleted (alone or in a bulk
    action), added to, or reverted from its history."""

    def has_change_permission(self, request, obj=None) -> bool:
        return not terkunci(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not terkunci(obj) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        if hasattr(self, "parent_model"):  # an inline: obj is the parent
            return not terkunci(obj) and super().has_add_permission(request, obj)
        return super().has_add_permission(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (KunciFormMixin, form), {})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        sekarang = self.model._base_manager.filter(pk=object_id).first()
        if terkunci(sekarang):
            messages.error(request, f"Riwayat tidak dapat dipulihkan. {sekarang.PESAN_KUNCI}")
            info = self.model._meta.app_label, self.model._meta.model_name
            return redirect(reverse(f"admin:{info[0]}_{info[1]}_history", args=[object_id]))
        return super().history_form_view(request, object_id, version_id, extra_context)
