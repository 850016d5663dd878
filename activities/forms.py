from datetime import date, datetime, time, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities import queries, services
from activities.models import Activity, ActivityKind, Attendance
from branches.models import Organization
from branches.permissions import access_for
from pairings.models import Pairing
from portal.widgets import RichTextEditor

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def pairings_for(access):
    """Agreements that involve an organisation the user belongs to or oversees."""
    if access.is_superuser:
        return Pairing.objects.all()
    return Pairing.objects.filter(
        Q(parties__organization_id__in=access.lineage_ids)
        | Q(parties__organization__in=access.overseen_organizations())
    ).distinct()


class ActivityForm(forms.ModelForm):
    online_url = forms.URLField(label=_("Online meeting link"), required=False, assume_scheme="https")

    class Meta:
        model = Activity
        fields = ["title", "kind", "organizer", "participants", "pairing", "starts_at", "ends_at", "place", "online_url"]
        widgets = {
            "participants": forms.CheckboxSelectMultiple,
            "starts_at": DateTimeLocalInput,
            "ends_at": DateTimeLocalInput,
        }
        help_texts = {
            "participants": _("The organiser always takes part. Their members (and the members of "
                              "their Party groups) are expected to attend."),
            "pairing": _("Optional: the co-building agreement this activity belongs to."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        access = access_for(user)
        organizers = access.managed_organizations().internal().order_by("path")
        self.fields["organizer"].queryset = organizers
        if not self.instance.pk and not self.initial.get("organizer"):
            # Most secretaries manage one branch (and its groups): start with it.
            self.initial["organizer"] = organizers.values_list("pk", flat=True).first()
        self.fields["participants"].queryset = Organization.objects.order_by("is_external", "path")
        self.fields["participants"].required = False
        self.fields["pairing"].queryset = pairings_for(access).filter(
            status=Pairing.Status.APPROVED).order_by("-start_date")
        self.fields["pairing"].empty_label = _("None")
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end must not be before the start."))
        organizer, kind = data.get("organizer"), data.get("kind")
        if organizer and kind == ActivityKind.GROUP_MEETING:
            if organizer.kind != Organization.Kind.GROUP:
                self.add_error("organizer", _("A Party group meeting is organised by the Party group itself."))
            data["participants"] = []
        pairing = data.get("pairing")
        if pairing and organizer:
            parties = set(pairing.parties.values_list("organization_id", flat=True))
            if not parties & set(organizer.lineage_ids):
                self.add_error("pairing", _("The organiser is not a party to this agreement."))
        return data

    def service_fields(self):
        data = dict(self.cleaned_data)
        data["participants"] = list(data.get("participants") or [])
        return data


class HoldForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), widget=RichTextEditor(),
        help_text=_("What was discussed and decided. Paragraphs are kept; formatting is cleaned."),
    )
    outcomes = forms.CharField(label=_("Outcomes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The expected people are told this reason."))


class AttendanceForm(forms.Form):
    """One choice per person the user may record; blank means "not recorded yet"."""

    CHOICES = [("", _("Not recorded")), *Attendance.Status.choices]

    def __init__(self, *args, people, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for user, orgs in people:
            name = f"user_{user.pk}"
            record = records.get(user.pk)
            self.fields[name] = forms.ChoiceField(
                label=user.display_name, choices=self.CHOICES, required=False,
                initial=record.status if record else "", widget=forms.RadioSelect,
            )
            self.rows.append({"user": user, "orgs": orgs, "record": record, "field": name})

    def statuses(self):
        return {int(name.removeprefix("user_")): value for name, value in self.cleaned_data.items() if value}

    def bound_rows(self):
        for row in self.rows:
            yield {**row, "bound": self[row["field"]]}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one `<input type=file multiple>` (as in Django's documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)) and data:
            return [single(item, initial) for item in data]
        data = None if isinstance(data, (list, tuple)) else data
        return [single(data, initial)] if data else single(data, initial)


class PhotoUploadForm(forms.Form):
    MAX_FILES = 20

    photos = MultipleFileField(label=_("Photos"), help_text=_("JPEG, PNG, GIF or WebP; you may choose several at once."))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def clean_photos(self):
        files = self.cleaned_data["photos"]
        if len(files) > self.MAX_FILES:
            raise forms.ValidationError(_("Please upload at most %(n)s photos at a time.") % {"n": self.MAX_FILES})
        # Re-encoding is the validation: what Pillow cannot read is refused here.
        self.cleaned_data["prepared"] = services.prepare_photos(files)
        return files


class ActivityFilterForm(forms.Form):
    PERIODS = [
        ("", _("Any time")),
        ("upcoming", _("Upcoming")),
        ("past", _("Past")),
        ("month", _("This month")),
        ("quarter", _("This quarter")),
        ("year", _("This year")),
    ]

    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *ActivityKind.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any status")), *Activity.Status.choices],
                               required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    pairing = forms.ModelChoiceField(label=_("Co-building agreement"), queryset=Pairing.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        access = access_for(user)
        self.fields["organization"].queryset = Organization.objects.order_by("is_external", "path")
        self.fields["pairing"].queryset = pairings_for(access).order_by("-start_date")
        self.fields["organization"].empty_label = _("All organisations")
        self.fields["pairing"].empty_label = _("All agreements")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filter(self, activities):
        if not self.is_valid():
            return activities
        data = self.cleaned_data
        if data["organization"]:
            activities = queries.involving(activities, data["organization"])
        if data["kind"]:
            activities = activities.filter(kind=data["kind"])
        if data["status"]:
            activities = activities.filter(status=data["status"])
        if data["pairing"]:
            activities = activities.filter(pairing=data["pairing"])
        if data["period"]:
            activities = filter_period(activities, data["period"])
        return activities


def period_bounds(period, today=None):
    """`(start, end)` aware datetimes of this month, quarter or year."""
    today = today or timezone.localdate()
    if period == "month":
        start = today.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
    elif period == "quarter":
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        end = (start + timedelta(days=95)).replace(day=1)
    else:
        start, end = date(today.year, 1, 1), date(today.year + 1, 1, 1)
    tz = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(start, time.min), tz),
            timezone.make_aware(datetime.combine(end, time.min), tz))


def filter_period(activities, period):
    now = timezone.now()
    if period == "upcoming":
        return activities.filter(ends_at__gte=now).order_by("starts_at", "pk")
    if period == "past":
        return activities.filter(ends_at__lt=now)
    start, end = period_bounds(period)
    return activities.filter(starts_at__gte=start, starts_at__lt=end)
