"""Revoke a person's API tokens whenever their password changes, whichever path changed it.

Our own paths call :func:`cities.services.set_password`. Django's admin ("change password") and
its auth forms (password change, password reset) call ``user.set_password()`` and ``user.save()``
themselves and never pass through our services, so — as the one sanctioned exception to "no
business rules in signals" — these receivers compare the stored hash before and after each save
of a User and delete the tokens when it changed. What they do not see: queryset ``update()``
calls, which no code of ours makes on passwords.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from cities.services import revoke_tokens

User = get_user_model()


@receiver(pre_save, sender=User, dispatch_uid="cities.password_changed.pre_save")
def remember_password_change(
    sender: type[Any], instance: Any, update_fields: Any = None, raw: bool = False, **kwargs: Any
) -> None:
    if raw or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return  # e.g. last_login on every sign-in: no extra query
    stored = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True)
    previous = stored.first()
    instance._maturasi_password_changed = previous is not None and previous != instance.password


@receiver(post_save, sender=User, dispatch_uid="cities.password_changed.post_save")
def revoke_tokens_after_password_change(
    sender: type[Any], instance: Any, raw: bool = False, **kwargs: Any
) -> None:
    if raw or not getattr(instance, "_maturasi_password_changed", False):
        return
    instance._maturasi_password_changed = False
    revoke_tokens(user=instance)
