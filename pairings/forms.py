from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from branches.models import Organization
from branches.permissions import access_for
from pairings.models import Pairing
from portal.richtext import sanitize_html
from portal.uploads import extension_for, validate_upload
from portal.widgets import RichTextEditor

AGREEMENT_TYPES = ("pdf", "jpeg", "png")


def initiator_choices(user):
    """The internal organisations the user may propose an agreement for."""
    access = access_for(user)
    if access.is_superuser:
        return Organization.objects.internal()
    return Organization.objects.internal().filter(pk__in=[org.pk for org in access.managed_roots])


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PairingForm(forms.ModelForm):
    initiator = forms.ModelChoiceField(
        label=_("Initiating organisation"), queryset=Organization.objects.none(),
        help_text=_("Your own organisation, which proposes the agreement."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"), queryset=Organization.objects.order_by("is_external", "path"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("An agreement needs at least two parties: choose at least one partner.")},
        help_text=_("Choose one or more: branches of this company or Party organisations of other units."),
    )

    class Meta:
        model = Pairing
        fields = ["title", "kind", "initiator", "partners", "goals", "start_date", "end_date", "agreement_file"]
        widgets = {
            "goals": RichTextEditor(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "agreement_file": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        }
        help_texts = {
            "kind": _("Internal: organisations of this company only. External: with at least one other unit."),
            "agreement_file": _("The signed agreement, scanned: PDF, JPEG or PNG."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiator"].queryset = initiator_choices(user)
        self.fields["goals"].required = True
        self.fields["agreement_file"].required = False
        if self.instance.pk:
            self.initial.setdefault("initiator", self.instance.initiator)
            self.initial.setdefault("partners", self.instance.partners)
            if self.instance.agreement_filename:
                self.fields["agreement_file"].help_text = _(
                    "Now: %(name)s. Choose a file only to replace it."
                ) % {"name": self.instance.agreement_filename}
        only = list(self.fields["initiator"].queryset[:2])
        if len(only) == 1:
            self.initial.setdefault("initiator", only[0])

    def clean_goals(self):
        goals = sanitize_html(self.cleaned_data.get("goals"))
        if not goals:
            raise forms.ValidationError(_("Describe the goals and commitments of the agreement."))
        return goals

    def clean_agreement_file(self):
        upload = self.cleaned_data.get("agreement_file")
        if isinstance(upload, UploadedFile):
            kind = validate_upload(upload, AGREEMENT_TYPES)
            self.original_filename = upload.name[-255:]
            upload.name = f"agreement.{extension_for(kind)}"
        return upload

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        initiator, partners = data.get("initiator"), list(data.get("partners") or [])
        if initiator and initiator in partners:
            self.add_error("partners", _("An organisation cannot be paired with itself: %(org)s is the initiator.")
                           % {"org": initiator.name})
        elif initiator and "partners" in data and not partners:
            self.add_error("partners", _("An agreement needs at least two parties: choose at least one partner."))
        kind = data.get("kind")
        if initiator and partners and kind:
            has_external = any(org.is_external for org in [initiator, *partners])
            if kind == Pairing.Kind.EXTERNAL and not has_external:
                self.add_error("kind", _("An external co-building agreement needs a partner from another unit."))
            elif kind == Pairing.Kind.INTERNAL and has_external:
                self.add_error("kind", _("A partner belongs to another unit: choose external co-building."))
        return data

    def service_fields(self):
        """The cleaned data as the services take it."""
        data = dict(self.cleaned_data)
        fields = {
            "initiator": data.pop("initiator"),
            "partners": list(data.pop("partners")),
        }
        upload = data.pop("agreement_file", None)
        if isinstance(upload, UploadedFile):
            fields["agreement_file"] = upload
            fields["agreement_filename"] = self.original_filename
        fields.update(data)
        return fields


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class RejectForm(forms.Form):
    comment = forms.CharField(
        label=_("Why is it rejected?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The drafter sees this and can revise the agreement."),
        error_messages={"required": _("Say why the agreement is rejected, so that its drafter can revise it.")},
    )


class TerminateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for ending early"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reason for ending the agreement early.")},
    )
