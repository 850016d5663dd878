from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from branches.models import Organization
from portal.uploads import generated_name


class PairingQuerySet(models.QuerySet):
    def active(self, on=None):
        """Approved agreements whose period includes the given day (today by default)."""
        day = on or timezone.localdate()
        return self.filter(status=Pairing.Status.APPROVED, start_date__lte=day, end_date__gte=day)


class Pairing(models.Model):
    """A co-building agreement (互联共建/结对共建协议) between two or more organisations."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal co-building")
        EXTERNAL = "external", _("External co-building")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        TERMINATED = "terminated", _("Terminated")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INTERNAL)
    goals = models.TextField(_("goals and commitments"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    agreement_file = models.FileField(_("signed agreement"), upload_to=generated_name, blank=True)
    agreement_filename = models.CharField(max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    approver = models.ForeignKey(
        Organization, verbose_name=_("approving committee"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="pairings_to_approve",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), null=True,
        on_delete=models.SET_NULL, related_name="drafted_pairings",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="submitted_pairings",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("co-building agreement")
        verbose_name_plural = _("co-building agreements")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="pairing_end_after_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_active(self):
        today = timezone.localdate()
        return self.status == self.Status.APPROVED and self.start_date <= today <= self.end_date

    @property
    def has_ended(self):
        return self.status == self.Status.TERMINATED or (
            self.status == self.Status.APPROVED and self.end_date < timezone.localdate()
        )

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.REJECTED)

    @property
    def phase(self):
        """Where the agreement stands today: its status, with an approved one told apart by its period."""
        if self.status != self.Status.APPROVED:
            return self.status
        today = timezone.localdate()
        if self.end_date < today:
            return "ended"
        return "active" if self.start_date <= today else "approved"

    @property
    def phase_label(self):
        return PHASE_LABELS[self.phase]

    @property
    def initiator(self):
        """The initiating party's organisation (read from prefetched parties when there are some)."""
        return next((p.organization for p in self.parties.all() if p.role == PairingParty.Role.INITIATOR), None)

    @property
    def partners(self):
        return [p.organization for p in self.parties.all() if p.role == PairingParty.Role.PARTNER]


PHASE_LABELS = {
    **dict(Pairing.Status.choices),
    "approved": _("Approved, not yet started"),
    "active": _("Active"),
    "ended": _("Ended"),
}


class PairingParty(models.Model):
    class Role(models.TextChoices):
        INITIATOR = "initiator", _("Initiator")
        PARTNER = "partner", _("Partner")

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="pairing_parties")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["pairing", "organization"], name="pairing_party_unique_organization"),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class PairingEvent(models.Model):
    """One transition of an agreement's workflow: who, when, from, to and why."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, choices=Pairing.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Pairing.Status.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.pairing}: {self.from_status} → {self.to_status}"
