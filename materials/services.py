import logging

from django.db import transaction
from django.utils import timezone

from materials.models import StudyRecord

audit = logging.getLogger("portal.audit")


@transaction.atomic
def save_material(form, *, by):
    """Create or update a material from a valid MaterialForm."""
    creating = form.instance.pk is None
    was_published = bool(form.initial.get("is_published"))
    material = form.save(commit=False)
    if creating:
        material.created_by = by
    if material.is_published and not was_published:
        material.published_at = timezone.now()
    material.save()
    form.save_m2m()
    audit.info("material %s %s by user %s (owner %s, %s)", material.pk,
               "created" if creating else "updated", by.pk, material.owner_id, material.visibility)
    return material


@transaction.atomic
def mark_studied(user, material):
    """Record that `user` studied `material`; studying again only moves `last_studied_at`."""
    now = timezone.now()
    record, created = StudyRecord.objects.select_for_update().get_or_create(
        user=user, material=material, defaults={"first_studied_at": now, "last_studied_at": now},
    )
    if not created:
        record.last_studied_at = now
        record.save(update_fields=["last_studied_at"])
    return record, created
