"""Delivery of messages that feature apps hand over: in the portal, and by email.

Features never build notifications themselves: they call `notify()` with the people and a
template name, and this module renders it in each recipient's own language.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications.models import Notification


def render_message(template, context, language):
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context).strip()
    return subject, body


@transaction.atomic
def notify(recipients, *, template, context=None, url=""):
    """Store one notification per recipient and email them after the transaction commits.

    `template` names a pair of text templates, `<template>_subject.txt` and `_body.txt`.
    """
    context = context or {}
    rows = []
    for user in {user.pk: user for user in recipients if user.is_active}.values():
        title, body = render_message(template, context, user.language or settings.LANGUAGE_CODE)
        rows.append(Notification(recipient=user, title=title[:200], body=body, url=url))
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created if n.recipient.email and n.recipient.email_notifications]
    if ids:
        from notifications.tasks import email_notifications

        transaction.on_commit(lambda: email_notifications.delay(ids))
    return created


def send_notification_emails(ids):
    """Email the given notifications that have not been emailed yet, marking each as sent."""
    pending = list(
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("recipient")
    )
    if not pending:
        return 0
    site = settings.SITE_URL.rstrip("/")
    messages = [
        EmailMessage(
            subject=n.title,
            body=f"{n.body}\n\n{site}{n.url}" if n.url else n.body,
            to=[n.recipient.email],
        )
        for n in pending
    ]
    get_connection().send_messages(messages)
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return len(pending)


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, ids=None):
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
