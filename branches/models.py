import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def path_segment(pk):
    return f"{pk:08d}"


class OrganizationQuerySet(models.QuerySet):
    def subtree_of(self, *orgs):
        """The organisations at or below any of the given ones, in one query."""
        condition = models.Q(pk__in=[])
        for org in orgs:
            condition |= models.Q(path__startswith=org.path)
        return self.filter(condition)

    def internal(self):
        return self.filter(is_external=False)


class Organization(models.Model):
    """A node of the party organisation tree.

    `path` holds the ids from the root down to this node, zero-padded so that ordering by
    path lists the tree depth-first ("/00000001/00000004/"): a subtree is one `startswith`
    filter and the ancestors are read from the string without a query.
    """

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Party committee")
        GENERAL_BRANCH = "general_branch", _("General Party branch")
        BRANCH = "branch", _("Party branch")
        GROUP = "group", _("Party group")

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BRANCH)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    is_external = models.BooleanField(
        _("external unit"), default=False, help_text=_("A party organisation of another unit (兄弟单位).")
    )
    unit_name = models.CharField(_("unit"), max_length=100, blank=True)
    brand_name = models.CharField(_("Party-building brand"), max_length=100, blank=True)
    brand_description = models.TextField(_("brand description"), blank=True)
    features = models.TextField(_("features and practices"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    theme_day = models.PositiveSmallIntegerField(
        _("theme Party day"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Day of the month of the branch's fixed theme Party day (1–28)."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Party organisation")
        verbose_name_plural = _("Party organisations")
        ordering = ["path"]

    def __str__(self):
        return self.name

    @property
    def depth(self):
        return self.path.count("/") - 1

    @property
    def ancestor_ids(self):
        """Ids from the root down to, but not including, this organisation."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    @property
    def lineage_ids(self):
        return [*self.ancestor_ids, self.pk]

    def is_within(self, other):
        """True when this organisation is `other` or lies below it."""
        return bool(self.path) and self.path.startswith(other.path)

    @property
    def display_name(self):
        return self.short_name or self.name

    def clean(self):
        if self.parent_id and self.pk and self.parent.is_within(self):
            raise ValidationError({"parent": _("An organisation cannot be placed below itself.")})
        if self.theme_day and self.kind not in (self.Kind.BRANCH, self.Kind.GENERAL_BRANCH):
            raise ValidationError({"theme_day": _("Only a branch has a fixed theme Party day.")})

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)  # the path needs the id
                args, kwargs = (), {}
            old_path = self.path
            parent_path = self.parent.path if self.parent_id else "/"
            self.path = f"{parent_path}{path_segment(self.pk)}/"
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(models.Value(self.path), Substr("path", len(old_path) + 1))
                )


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    ADMIN = "admin", _("Committee admin")

    @property
    def manages(self):
        """Roles that act for the organisation and everything below it."""
        return self in (Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.ADMIN)

    @property
    def oversees(self):
        """Roles that see everything below the organisation."""
        return self.manages or self is Role.COMMITTEE_MEMBER


# The branch's secretaries: whom agreements, reminders and requirements address.
SECRETARY_ROLES = (Role.SECRETARY, Role.DEPUTY_SECRETARY)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateField(_("joined"), default=timezone.localdate)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique_user_organization"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"

    @property
    def role_enum(self):
        return Role(self.role)


def _invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An emailed link through which a secretary's invitee sets a password and joins."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    name = models.CharField(_("full name"), max_length=50)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.name} <{self.email}> → {self.organization}"

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def is_usable(self):
        return self.accepted_at is None and timezone.now() < self.expires_at
