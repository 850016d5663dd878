"""A real Celery worker (a thread of this process) takes the beat task from Redis and delivers."""

import time
from datetime import timedelta

import pytest
from celery.contrib.pytest import (  # noqa: F401 - the fixtures of Celery's pytest plugin
    celery_app, celery_enable_logging, celery_parameters, celery_worker, celery_worker_pool, use_celery_app_trap,
)
from django.conf import settings
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from reminders.tasks import send_activity_reminders
from tests.conftest import IN_CI
from tests.factories.reminders import ActivityFactory


@pytest.fixture(scope="session")
def celery_config():
    if not settings.REDIS_URL:
        if IN_CI:
            pytest.fail("REDIS_URL is not set: the worker test may not skip in CI")
        pytest.skip("REDIS_URL is not set")
    return {
        "broker_url": settings.REDIS_URL,
        "task_default_queue": "test-reminders",
        "task_acks_late": True,
        "task_ignore_result": True,
    }


@pytest.fixture(scope="session")
def celery_includes():
    return ["reminders.tasks", "notifications.tasks"]


@pytest.fixture(scope="session")
def celery_worker_parameters():
    return {"perform_ping_check": False, "queues": ["test-reminders"]}


@pytest.mark.django_db(transaction=True)
def test_worker_on_redis_delivers_the_reminder_of_an_activity_starting_soon(tree, celery_app, celery_worker):  # noqa: F811
    ActivityFactory(title="红色教育参观", organizer=tree.branch, starts_at=timezone.now() + timedelta(minutes=45))
    send_activity_reminders.delay()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not Notification.objects.filter(recipient=tree.people.member).exists():
        time.sleep(0.2)
    notification = Notification.objects.get(recipient=tree.people.member)
    assert notification.title.startswith("活动提醒：“红色教育参观”将于")
    while time.monotonic() < deadline and not Notification.objects.filter(emailed_at__isnull=False).exists():
        time.sleep(0.2)
    assert any(message.to == [tree.people.member.email] for message in mail.outbox)
