import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from branches.models import Invitation, Membership

log = logging.getLogger("portal.audit")


@transaction.atomic
def invite_member(*, organization, name, email, role, invited_by):
    invitation = Invitation.objects.create(
        organization=organization, name=name, email=email, role=role, invited_by=invited_by
    )
    log.info("invite org=%s role=%s by=%s", organization.pk, role, invited_by.pk)
    transaction.on_commit(lambda: send_invitation_email(invitation))
    return invitation


def send_invitation_email(invitation):
    link = settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[invitation.token])
    with translation.override(settings.LANGUAGE_CODE):
        context = {"invitation": invitation, "link": link}
        subject = render_to_string("branches/email/invitation_subject.txt", context).strip()
        body = render_to_string("branches/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def accept_invitation(invitation, *, username=None, password=None):
    """Create the account (unless the email already has one) and the membership."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    user = get_user_model().objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = get_user_model().objects.create_user(
            username=username, email=invitation.email, password=password, name=invitation.name
        )
    Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    log.info("invitation accepted org=%s user=%s role=%s", invitation.organization_id, user.pk, invitation.role)
    return user
