"""Logins and failed logins go to the log: party membership is sensitive data."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("portal.audit")


def _client_ip(request):
    return request.META.get("REMOTE_ADDR", "") if request else ""


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    log.info("login user=%s ip=%s", user.pk, _client_ip(request))


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    log.info("logout user=%s ip=%s", getattr(user, "pk", None), _client_ip(request))


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    log.warning("login failed ip=%s", _client_ip(request))
