"""Calendar arithmetic in local time: periods of requirements and due moments of reminders."""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.utils import timezone

from reminders.models import Period


def period_bounds(period, day):
    """(first day, first day of the next period) of the month, quarter or year containing `day`."""
    if period == Period.MONTH:
        start = day.replace(day=1)
    elif period == Period.QUARTER:
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    else:
        start = date(day.year, 1, 1)
    months = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}[Period(period)]
    month_index = start.month - 1 + months
    return start, date(start.year + month_index // 12, month_index % 12 + 1, 1)


def month_bounds(day):
    return period_bounds(Period.MONTH, day)


@lru_cache(maxsize=4096)
def local_moment(day, hour=0):
    """The aware datetime of `hour` o'clock on `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def days(n):
    return timedelta(days=n)
