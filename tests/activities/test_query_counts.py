"""No page's query count grows with the number of activities, photos or attendees."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.models import ActivityPhoto, Attendance
from tests.factories import member_of
from tests.factories.activities import ActivityFactory


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add_rows(tree, activity, n, offset):
    for i in range(n):
        person = member_of(tree.branch, username=f"p{offset + i}")
        Attendance.objects.create(activity=activity, user=person, status="present")
        ActivityPhoto.objects.create(activity=activity, image=f"activities/photos/x{offset + i}.jpg",
                                     thumbnail=f"activities/thumbnails/x{offset + i}.jpg", caption=f"照片{i}")
        other = ActivityFactory(organizer=tree.branch, participants=[tree.other_branch],
                                starts_at=timezone.now() - timedelta(days=i + offset + 1))
        Attendance.objects.create(activity=other, user=person, status="present")


@pytest.mark.parametrize("role", ["secretary", "member", "admin"])
def test_list_detail_calendar_and_home_cost_the_same_queries_at_1x_and_10x(tree, client_for, role):
    activity = ActivityFactory(organizer=tree.branch, participants=[tree.other_branch],
                               starts_at=timezone.now() - timedelta(hours=1))
    urls = ["/activities/", f"/activities/{activity.pk}/", "/activities/calendar/", "/",
            f"/activities/{activity.pk}/attendance/" if role != "member" else "/activities/?period=past"]
    client = client_for(getattr(tree.people, role))
    _add_rows(tree, activity, 1, 0)
    for url in urls:  # the first visit of the calendar creates the person's feed token
        client.get(url)
    before = [_count(client, url) for url in urls]
    _add_rows(tree, activity, 9, 100)
    after = [_count(client, url) for url in urls]
    assert after == before


def test_the_detail_stays_within_a_fixed_budget(tree, client_for, django_assert_max_num_queries):
    activity = ActivityFactory(organizer=tree.branch, starts_at=timezone.now() - timedelta(hours=1))
    _add_rows(tree, activity, 10, 0)
    client = client_for(tree.people.secretary)
    with django_assert_max_num_queries(14):
        client.get(f"/activities/{activity.pk}/")
