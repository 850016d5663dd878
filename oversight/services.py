import logging

from django.db import transaction
from django.utils import timezone

from branches.permissions import lowest_common_committee
from notifications.services import notify
from oversight.models import Reply, Topic

log = logging.getLogger("portal.audit")


def community_of(org):
    """The committee whose branches discuss a problem raised by `org`: its nearest committee."""
    return lowest_common_committee([org]) or org


@transaction.atomic
def raise_topic(*, organization, author, title, body):
    return Topic.objects.create(
        organization=organization, community=community_of(organization), author=author, title=title, body=body
    )


@transaction.atomic
def reply_to(topic, *, organization, author, body):
    reply = Reply.objects.create(topic=topic, organization=organization, author=author, body=body)
    Topic.objects.filter(pk=topic.pk).update(last_activity_at=timezone.now())
    if topic.author and topic.author != author:
        notify([topic.author], template="oversight/email/reply", context={"topic": topic, "reply": reply},
               url=topic.get_absolute_url())
    return reply


@transaction.atomic
def mark_solution(topic, reply, *, by):
    Reply.objects.filter(topic=topic).update(is_solution=False)
    Reply.objects.filter(pk=reply.pk).update(is_solution=True)
    topic.status = Topic.Status.SOLVED
    topic.save(update_fields=["status"])
    log.info("topic solved topic=%s reply=%s by=%s", topic.pk, reply.pk, by.pk)


@transaction.atomic
def reopen(topic, *, by):
    Reply.objects.filter(topic=topic).update(is_solution=False)
    topic.status = Topic.Status.OPEN
    topic.save(update_fields=["status"])

