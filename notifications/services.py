"""Delivery of messages that feature apps hand over: in the portal, and by email.

Features never build notifications themselves: they call `notify()` with the people and a
template name, and this module renders it in each recipient's own language.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.template.loader import get_template, render_to_string
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


@dataclass(eq=False)
class Message:
    """One message for several people: rendered once per language, stored once per person."""

    recipients: list
    template: str
    context: dict = field(default_factory=dict)
    url: str = ""


EMAIL_CHUNK = 500


@transaction.atomic
def notify_many(messages):
    """`notify()` for many messages at once: rows made by the database, emails queued after commit.

    Each message is rendered once per language of its recipients, not once per person, and
    the per-person rows are made by one INSERT ... SELECT per few thousand people from a
    list of (person, message, language), so that no Notification object is built in
    Python. A recipient is a User or anything with its pk, is_active, language, email and
    email_notifications (so that callers need not load User objects by the thousand).
    Returns the ids of the new notifications.
    """
    texts, addressed, emailable = {}, [], set()  # texts: (message, language) -> number
    for message in messages:
        for user in {user.pk: user for user in message.recipients if user.is_active}.values():
            number = texts.setdefault((message, user.language or settings.LANGUAGE_CODE), len(texts))
            addressed.append((user.pk, number))
            if user.email and user.email_notifications:
                emailable.add(user.pk)
    ids = _insert_notifications(_render_texts(texts), addressed)
    email_ids = [pk for pk, recipient_id in ids if recipient_id in emailable]
    if email_ids:
        from notifications.tasks import email_notifications

        for start in range(0, len(email_ids), EMAIL_CHUNK):
            chunk = email_ids[start:start + EMAIL_CHUNK]
            # robust: a broker outage must not undo delivery; email_pending_notifications catches up.
            transaction.on_commit(lambda chunk=chunk: email_notifications.delay(chunk), robust=True)
    return [pk for pk, _ in ids]


def _render_texts(texts):
    """[(number, title, body, url)] of {(message, language): number}, one language at a time.

    Rendering is most of the cost of a large delivery: switching the language once per
    language instead of once per text, and looking each template up once, saves a third.
    """
    by_language, templates, rendered = defaultdict(list), {}, []
    for (message, language), number in texts.items():
        by_language[language].append((message, number))
    for language, items in by_language.items():
        with translation.override(language):
            for message, number in items:
                if message.template not in templates:
                    templates[message.template] = (get_template(f"{message.template}_subject.txt"),
                                                   get_template(f"{message.template}_body.txt"))
                subject, body = templates[message.template]
                rendered.append((number, subject.render(message.context).strip()[:200],
                                 body.render(message.context).strip(), message.url))
    return sorted(rendered)


ROWS_PER_INSERT = 3000


def _insert_notifications(rendered, addressed):
    """Insert one notification per (recipient id, text number); return [(id, recipient id)]."""
    if not addressed:
        return []
    table = Notification._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    created = []
    with connection.cursor() as cursor:
        for start in range(0, len(addressed), ROWS_PER_INSERT):
            chunk = addressed[start:start + ROWS_PER_INSERT]
            used = sorted({number for _, number in chunk})
            texts = [rendered[number] for number in used]
            cursor.execute(
                f"""WITH texts (number, title, body, url) AS (VALUES {", ".join(["(%s, %s, %s, %s)"] * len(texts))}),
                         people (recipient_id, number) AS (VALUES {", ".join(["(%s, %s)"] * len(chunk))})
                    INSERT INTO {table} (recipient_id, title, body, url, created_at)
                    SELECT people.recipient_id, texts.title, texts.body, texts.url, %s
                    FROM people JOIN texts ON texts.number = people.number
                    WHERE true
                    RETURNING id, recipient_id""",
                [value for text in texts for value in text] + [value for row in chunk for value in row] + [now],
            )
            created += cursor.fetchall()
    return created


def _emailable():
    return Notification.objects.filter(
        emailed_at__isnull=True, recipient__is_active=True, recipient__email_notifications=True
    ).exclude(recipient__email="")


def send_notification_emails(ids):
    """Email the given notifications that have not been emailed yet, marking each as sent.

    The rows are locked while they are sent (skipping rows another worker holds), so two
    workers never email the same notification; a person who has since turned email off
    gets none.
    """
    with transaction.atomic():
        pending = list(
            _emailable().filter(pk__in=ids).select_related("recipient")
            .select_for_update(skip_locked=True, of=("self",))
        )
        if not pending:
            return 0
        _send(pending)
    return len(pending)


def email_pending_notifications(older_than_minutes=5, within_days=1):
    """Email recent notifications whose email task was lost (a worker died before queuing it)."""
    now = timezone.now()
    ids = list(
        _emailable().filter(
            created_at__lt=now - timedelta(minutes=older_than_minutes),
            created_at__gte=now - timedelta(days=within_days),
        ).values_list("pk", flat=True)
    )
    sent = 0
    for start in range(0, len(ids), EMAIL_CHUNK):
        sent += send_notification_emails(ids[start:start + EMAIL_CHUNK])
    return sent


def _send(pending):
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


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, ids=None):
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
