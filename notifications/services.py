"""Delivery of messages that feature apps hand over: in the portal, and by email.

Features never build notifications themselves: they call `notify()` with the people and a
template name, and this module renders it in each recipient's own language. Deliveries to
thousands of people at once (reminders) go through `notify_selected()`, which never builds
an object per person.
"""

from dataclasses import astuple, dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
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
    # Who gets emails: as in _emailable() and send_notification_emails().
    _email_after_commit([n.pk for n in created if n.recipient.email and n.recipient.email_notifications])
    return created


@dataclass(frozen=True)
class Text:
    """A message as its readers see it in one language."""

    title: str
    body: str
    url: str = ""


def render_texts(messages, wanted=None):
    """Render {key: (template, context, url)}: {(key, language): Text}.

    In the `wanted` (key, language) pairs only, or else in every language of the site.
    Rendering is most of the cost of a large delivery: the language is switched once per
    language instead of once per text, and each template is looked up once.
    """
    templates, texts = {}, {}
    for language, _ in settings.LANGUAGES:
        with translation.override(language):
            for key, (template, context, url) in messages.items():
                if wanted is not None and (key, language) not in wanted:
                    continue
                if template not in templates:
                    templates[template] = (get_template(f"{template}_subject.txt"),
                                           get_template(f"{template}_body.txt"))
                subject, body = templates[template]
                texts[key, language] = Text(subject.render(context).strip()[:200], body.render(context).strip(), url)
    return texts


def notify_selected(recipients_sql, params, messages):
    """Store a notification for every (recipient id, key) row that `recipients_sql` selects.

    Each person gets the message of `messages` ({key: (template, context, url)}) for the
    row's key in their own language, rendered once per key and language of its readers,
    and an email after the transaction commits. The rows are made by one INSERT ... SELECT,
    so that a delivery to thousands of people builds no object per person; call it inside
    the transaction that records what was sent. Returns how many were stored.
    """
    if not messages:
        return 0
    languages = [code for code, _ in settings.LANGUAGES]
    users = get_user_model()._meta.db_table
    # Each person's language is looked up by key in a subquery rather than joined: a join
    # lets the planner hash the whole user table for a few hundred rows, on every batch.
    readers = f"""
        recipients (recipient_id, text_key) AS MATERIALIZED ({recipients_sql}),
        readers (recipient_id, text_key, language) AS (
            SELECT p.recipient_id, p.text_key, (
                SELECT CASE WHEN u.language IN ({", ".join(["%s"] * len(languages))}) THEN u.language ELSE %s END
                FROM {users} u WHERE u.id = p.recipient_id AND u.is_active
            ) FROM recipients p
        )"""
    readers_params = [*params, *languages, settings.LANGUAGE_CODE]
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {readers} SELECT DISTINCT text_key, language FROM readers", readers_params)
        texts = render_texts(messages, wanted=set(cursor.fetchall()))
        if not texts:
            return 0
        cursor.execute(
            f"""WITH texts (text_key, language, title, body, url) AS (
                    VALUES {", ".join(["(%s, %s, %s, %s, %s)"] * len(texts))}
                ), {readers}
                INSERT INTO {Notification._meta.db_table} (recipient_id, title, body, url, created_at)
                SELECT r.recipient_id, t.title, t.body, t.url, %s
                FROM readers r JOIN texts t ON t.text_key = r.text_key AND t.language = r.language
                RETURNING id""",
            [value for (key, language), text in texts.items() for value in (key, language, *astuple(text))]
            + readers_params + [connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        ids = [pk for pk, in cursor.fetchall()]
    _email_after_commit(ids)
    return len(ids)


EMAIL_CHUNK = 500


def _email_after_commit(ids):
    """Queue the emails of new notifications once they are committed (those of people who
    turned email off are left out by the task)."""
    from notifications.tasks import email_notifications

    for start in range(0, len(ids), EMAIL_CHUNK):
        chunk = ids[start:start + EMAIL_CHUNK]
        # robust: a broker outage must not undo delivery; email_pending_notifications catches up.
        transaction.on_commit(lambda chunk=chunk: email_notifications.delay(chunk), robust=True)


def _emailable():
    """Notifications still to email (the same people as send_notification_emails' SQL)."""
    return Notification.objects.filter(
        emailed_at__isnull=True, recipient__is_active=True, recipient__email_notifications=True
    ).exclude(recipient__email="")


def send_notification_emails(ids):
    """Email the given notifications that have not been emailed yet, marking each as sent.

    One UPDATE claims the rows (emailed_at set where it was empty) in the transaction that
    sends them: a second worker with the same ids waits for the first and then finds them
    taken, a failed send undoes the claim, and a person who has since turned email off
    gets none.
    """
    if not ids:
        return 0
    table, users = Notification._meta.db_table, get_user_model()._meta.db_table
    placeholders = ", ".join(["%s"] * len(ids))
    # People are looked up by key in subqueries, as in notify_selected().
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {table} SET emailed_at = %s
                WHERE id IN ({placeholders}) AND emailed_at IS NULL AND (
                    SELECT u.is_active AND u.email_notifications AND u.email <> ''
                    FROM {users} u WHERE u.id = {table}.recipient_id
                )
                RETURNING id""",
            [connection.ops.adapt_datetimefield_value(timezone.now()), *ids],
        )
        claimed = sorted(pk for pk, in cursor.fetchall())
        if claimed:
            cursor.execute(
                f"""SELECT n.title, n.body, n.url, (SELECT u.email FROM {users} u WHERE u.id = n.recipient_id)
                    FROM {table} n WHERE n.id IN ({", ".join(["%s"] * len(claimed))}) ORDER BY n.id""",
                claimed,
            )
            _send(cursor.fetchall())
    return len(claimed)


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


def _send(rows):
    site, sender = settings.SITE_URL.rstrip("/"), settings.DEFAULT_FROM_EMAIL
    get_connection().send_messages([
        EmailMessage(subject=title, body=f"{body}\n\n{site}{url}" if url else body, from_email=sender, to=[email])
        for title, body, url, email in rows
    ])


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, ids=None):
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
