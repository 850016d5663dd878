from celery import shared_task

from notifications.services import send_notification_emails


@shared_task(acks_late=True)
def email_notifications(ids):
    return send_notification_emails(ids)


@shared_task(acks_late=True)
def email_pending_notifications():
    from notifications.services import email_pending_notifications as send_pending

    return send_pending()
