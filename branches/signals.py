"""Every change of a person's roles goes to the audit log, wherever it is made."""

import logging

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from branches.models import Membership

log = logging.getLogger("portal.audit")


@receiver(post_save, sender=Membership)
def log_membership_saved(sender, instance, created, **kwargs):
    log.info("membership %s user=%s org=%s role=%s", "added" if created else "changed",
             instance.user_id, instance.organization_id, instance.role)


@receiver(post_delete, sender=Membership)
def log_membership_removed(sender, instance, **kwargs):
    log.info("membership removed user=%s org=%s role=%s", instance.user_id, instance.organization_id, instance.role)
