from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.models import Reply, Topic


class SpeakForMixin:
    """The organisation field offers only the organisations the author belongs to."""

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        if not organizations.exists():
            self.fields["organization"].help_text = _("You are not a member of any organisation.")


class TopicForm(SpeakForMixin, forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["organization", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        labels = {"organization": _("Raised by")}


class ReplyForm(SpeakForMixin, forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["organization", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        labels = {"organization": _("Replying for")}
