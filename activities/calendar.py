"""Month grids and the personal iCalendar feed."""

import calendar
from datetime import date, datetime, time, timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

from activities.models import Activity


def parse_month(value, today=None):
    """`"2026-11"` → date(2026, 11, 1); anything else → the first of the current month."""
    today = today or timezone.localdate()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def month_grid(first, activities):
    """Weeks (Monday first) of `{"day", "in_month", "is_today", "activities"}` for the month of `first`.

    `activities` is an iterable already limited to the weeks shown.
    """
    by_day = {}
    for activity in activities:
        by_day.setdefault(timezone.localtime(activity.starts_at).date(), []).append(activity)
    today = timezone.localdate()
    return [
        [
            {"day": day, "in_month": day.month == first.month, "is_today": day == today,
             "activities": by_day.get(day, [])}
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]


def grid_bounds(first):
    """Aware datetimes of the first and after-the-last day shown on the grid of that month."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    tz = timezone.get_current_timezone()
    start = datetime.combine(weeks[0][0], time.min)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), time.min)
    return timezone.make_aware(start, tz), timezone.make_aware(end, tz)


def adjacent_months(first):
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return previous, following


STATUS = {
    Activity.Status.PLANNED: "CONFIRMED",
    Activity.Status.HELD: "CONFIRMED",
    Activity.Status.CANCELLED: "CANCELLED",
}


def ics_feed(activities, *, name, detail_url):
    """An iCalendar document of the activities; `detail_url(activity)` gives each one's link."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Party-building co-building portal//activities//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "portal"
    for activity in activities:
        event = icalendar.Event()
        event.add("uid", f"activity-{activity.pk}@{host}")
        event.add("summary", activity.title)
        event.add("dtstart", activity.starts_at)
        event.add("dtend", activity.ends_at)
        event.add("dtstamp", activity.updated_at)
        event.add("last-modified", activity.updated_at)
        event.add("status", STATUS[activity.status])
        location = activity.place or activity.online_url
        if location:
            event.add("location", location)
        url = detail_url(activity)
        event.add("url", url)
        event.add("description", f"{activity.organizer.name} · {activity.get_kind_display()}\n{url}")
        cal.add_component(event)
    return cal.to_ical()
