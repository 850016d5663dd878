"""The month calendar and the personal .ics feed."""

from datetime import timedelta

import icalendar
from django.test import Client
from django.utils import timezone

from activities.models import CalendarFeed
from tests.factories.activities import ActivityFactory


def _month(dt):
    return timezone.localtime(dt).strftime("%Y-%m")


def test_my_calendar_shows_my_activities_of_the_month_only(tree, client_for):
    soon = timezone.now() + timedelta(days=1)
    ActivityFactory(organizer=tree.branch, title="本支部主题党日", starts_at=soon)
    ActivityFactory(organizer=tree.other_branch, title="别的支部活动", starts_at=soon)
    ActivityFactory(organizer=tree.branch, title="两个月后的党课", starts_at=soon + timedelta(days=70))
    page = client_for(tree.people.member).get(f"/activities/calendar/?month={_month(soon)}").content.decode()
    assert "我的日历" in page
    assert "本支部主题党日" in page
    assert "别的支部活动" not in page
    assert "两个月后的党课" not in page


def test_an_organisations_calendar_shows_what_the_viewer_may_see(tree, client_for):
    soon = timezone.now() + timedelta(days=1)
    ActivityFactory(organizer=tree.other_branch, title="第二支部党课", starts_at=soon)
    url = f"/activities/calendar/?organization={tree.other_branch.pk}&month={_month(soon)}"
    assert "第二支部党课" in client_for(tree.people.admin).get(url).content.decode()
    assert "第二支部党课" not in client_for(tree.people.far_secretary).get(url).content.decode()


def test_the_ics_feed_parses_needs_no_login_and_holds_only_my_activities(tree, client_for):
    soon = timezone.now() + timedelta(days=2)
    mine = ActivityFactory(organizer=tree.branch, title="我的支部党员大会", starts_at=soon, place="党员活动室")
    ActivityFactory(organizer=tree.other_branch, title="别人的活动", starts_at=soon)
    ActivityFactory(organizer=tree.committee, title="党委中心组学习", starts_at=soon)  # visible, not mine
    client_for(tree.people.member).get("/activities/calendar/")
    feed = CalendarFeed.objects.get(user=tree.people.member)

    response = Client().get(f"/activities/calendar/feed/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["我的支部党员大会"]
    assert events[0]["location"] == "党员活动室"
    assert events[0].decoded("dtstart") == mine.starts_at.replace(microsecond=0)


def test_an_unknown_feed_token_is_not_found(db):
    assert Client().get("/activities/calendar/feed/not-a-token.ics").status_code == 404


def test_renewing_the_token_revokes_the_old_link(tree, client_for):
    client = client_for(tree.people.member)
    client.get("/activities/calendar/")
    old = CalendarFeed.objects.get().token
    response = client.post("/activities/calendar/feed/renew/", follow=True)
    assert "日历链接已更新" in response.content.decode()
    new = CalendarFeed.objects.get().token
    assert new != old
    assert Client().get(f"/activities/calendar/feed/{old}.ics").status_code == 404
    assert Client().get(f"/activities/calendar/feed/{new}.ics").status_code == 200


def test_renewing_needs_a_post(tree, client_for):
    assert client_for(tree.people.member).get("/activities/calendar/feed/renew/").status_code == 405
