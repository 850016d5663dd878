import os
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from branches.models import Organization
from materials.search_text import bigram_document, plain_text
from portal.richtext import sanitize_html


def attachment_path(instance, filename):
    """A generated name: the original one is kept in `attachment_name`, never in the path."""
    return f"materials/attachments/{uuid.uuid4().hex}{os.path.splitext(filename)[1].lower()}"


def cover_path(instance, filename):
    return f"materials/covers/{uuid.uuid4().hex}{os.path.splitext(filename)[1].lower()}"


class Topic(models.Model):
    """A subject heading of the library (党史学习教育, 理论前沿...), editable in the admin."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class MaterialQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def public_news(self):
        return self.published().filter(is_public_news=True)


class Material(models.Model):
    """A shared study resource: an article, a file, a video or a link."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        FILE = "file", _("File")
        VIDEO = "video", _("Video")
        LINK = "link", _("Link")

    class Visibility(models.TextChoices):
        PORTAL = "portal", _("All members of the portal")
        SUBTREE = "subtree", _("Our organisation and those below it")
        PARTNERS = "partners", _("Our organisation, those below it and our co-building partners")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    body_text = models.TextField(editable=False, blank=True, default="")
    search_bigrams = models.TextField(editable=False, blank=True, default="")
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, blank=True, max_length=200)
    attachment_name = models.CharField(_("file name"), max_length=255, blank=True)
    attachment_type = models.CharField(max_length=10, blank=True)
    attachment_size = models.PositiveBigIntegerField(null=True, blank=True)
    external_url = models.URLField(_("link"), max_length=500, blank=True)
    cover = models.FileField(_("cover image"), upload_to=cover_path, blank=True, max_length=200)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="materials")
    owner = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="materials"
    )
    visibility = models.CharField(
        _("shared with"), max_length=20, choices=Visibility.choices, default=Visibility.PORTAL
    )
    is_public_news = models.BooleanField(
        _("public news"), default=False,
        help_text=_("Shown on the public news page and feeds, without sign-in."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="created_materials",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("study material")
        verbose_name_plural = _("study materials")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["is_published", "published_at"], name="material_published"),
            models.Index(fields=["owner", "visibility"], name="material_owner_visibility"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_text = plain_text(self.body)
        self.search_bigrams = bigram_document(self.title, self.summary, self.body_text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_text", "search_bigrams"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("material_detail", args=[self.pk])

    @property
    def excerpt(self):
        return self.summary or self.body_text[:120]

    @property
    def is_live(self):
        return self.is_published and self.published_at <= timezone.now()


class StudyRecord(models.Model):
    """A person has studied a material: when first, and when last."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_records")
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="study_records")
    first_studied_at = models.DateTimeField(_("first studied"), default=timezone.now)
    last_studied_at = models.DateTimeField(_("last studied"), default=timezone.now)

    class Meta:
        verbose_name = _("study record")
        verbose_name_plural = _("study records")
        constraints = [
            models.UniqueConstraint(fields=["user", "material"], name="study_record_unique_user_material"),
        ]

    def __str__(self):
        return f"{self.user} · {self.material}"
