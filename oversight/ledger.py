"""The activity ledger (台账) of an organisation for one year, as an Excel workbook.

It holds what the ledger needs and no contact details: names, attendance and minutes only.
"""

from collections import defaultdict
from io import BytesIO

from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from activities.models import Activity, Attendance
from branches.models import Membership

HEADER_FILL = PatternFill("solid", fgColor="C8161D")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def ledger_activities(org, year):
    return (
        Activity.objects.filter(Q(organizer=org) | Q(participants=org), starts_at__year=year)
        .distinct()
        .select_related("organizer")
        .prefetch_related("participants")
        .order_by("starts_at", "pk")
    )


def _expected_counts(activities):
    """Distinct people expected at each activity: members of its participating organisations."""
    org_ids = {org.pk for activity in activities for org in activity.participants.all()}
    members = defaultdict(set)
    for org_id, user_id in Membership.objects.filter(organization_id__in=org_ids).values_list(
        "organization_id", "user_id"
    ):
        members[org_id].add(user_id)
    return {
        activity.pk: len(set().union(*(members[org.pk] for org in activity.participants.all())))
        for activity in activities
    }


def _write_sheet(sheet, headers, rows, widths):
    sheet.append(headers)
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def build_ledger(org, year):
    activities = list(ledger_activities(org, year))
    expected = _expected_counts(activities)
    attendance = defaultdict(lambda: defaultdict(int))
    detail = (
        Attendance.objects.filter(activity__in=activities)
        .select_related("activity", "user")
        .order_by("activity__starts_at", "activity_id", "user__name")
    )
    detail = list(detail)
    for record in detail:
        attendance[record.activity_id][record.status] += 1

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Activities")
    tz = timezone.get_current_timezone()
    rows = []
    for activity in activities:
        start = activity.starts_at.astimezone(tz)
        counts = attendance[activity.pk]
        rows.append([
            start.strftime("%Y-%m-%d"), start.strftime("%H:%M"), activity.get_kind_display(), activity.title,
            activity.organizer.name, pgettext("between names", ", ").join(o.name for o in activity.participants.all()),
            activity.place,
            activity.get_status_display(), expected[activity.pk], counts[Attendance.Status.PRESENT],
            counts[Attendance.Status.LEAVE],
            Truncator(strip_tags(activity.minutes)).chars(300), Truncator(strip_tags(activity.outcomes)).chars(300),
        ])
    _write_sheet(
        sheet,
        [
            pgettext("ledger", "Date"), pgettext("ledger", "Time"), pgettext("ledger", "Kind"),
            pgettext("ledger", "Title"), pgettext("ledger", "Organiser"),
            pgettext("ledger", "Participating organisations"), pgettext("ledger", "Place"),
            pgettext("ledger", "Status"), pgettext("ledger", "Expected"), pgettext("ledger", "Present"),
            pgettext("ledger", "On leave"), pgettext("ledger", "Minutes"), pgettext("ledger", "Outcomes"),
        ],
        rows, [12, 8, 16, 30, 22, 30, 20, 10, 8, 8, 8, 50, 40],
    )

    people = workbook.create_sheet(_("Attendance"))
    _write_sheet(
        people,
        [
            pgettext("ledger", "Date"), pgettext("ledger", "Activity"), pgettext("ledger", "Name"),
            pgettext("ledger", "Attendance"), pgettext("ledger", "Recorded by"),
        ],
        [[r.activity.starts_at.astimezone(tz).strftime("%Y-%m-%d"), r.activity.title, r.user.display_name,
          r.get_status_display(), r.get_method_display()] for r in detail],
        [12, 30, 14, 10, 16],
    )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
