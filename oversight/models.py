from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from branches.models import Organization


class Topic(models.Model):
    """A common problem (共性问题) one branch raises for the others under its committee to answer."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SOLVED = "solved", _("Solved")

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("description"))
    organization = models.ForeignKey(
        Organization, verbose_name=_("raised by"), on_delete=models.CASCADE, related_name="topics"
    )
    community = models.ForeignKey(
        Organization, verbose_name=_("shared within"), on_delete=models.CASCADE, related_name="+",
        help_text=_("The committee whose organisations discuss it."),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="topics")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("common problem")
        verbose_name_plural = _("common problems")
        ordering = ["-last_activity_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("topic_detail", args=[self.pk])


class Reply(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")
    organization = models.ForeignKey(
        Organization, verbose_name=_("on behalf of"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("reply"))
    is_solution = models.BooleanField(_("marked as the solution"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.topic}: {self.body[:30]}"
