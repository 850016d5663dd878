"""QR check-in: a signed link that marks an expected member present once, inside the window."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from activities.models import Attendance, AttendanceChange
from activities.services import checkin_token
from tests.factories.activities import ActivityFactory


@pytest.fixture
def activity(tree):
    starts = timezone.now() + timedelta(minutes=30)
    return ActivityFactory(organizer=tree.branch, title="主题党日签到", starts_at=starts,
                           ends_at=starts + timedelta(hours=2))


def _url(activity):
    return f"/activities/check-in/{checkin_token(activity)}/"


def test_the_detail_shows_a_qr_code_of_the_check_in_link_to_the_secretary(tree, client_for, activity):
    # The token carries the time it was signed: the clock stands still so that the page's
    # link and the expected one are signed in the same second.
    with time_machine.travel(timezone.now(), tick=False):
        page = client_for(tree.people.secretary).get(f"/activities/{activity.pk}/").content.decode()
        assert "扫码签到" in page
        assert 'src="data:image/svg+xml;base64,' in page
        assert _url(activity) in page
        assert _url(activity) not in client_for(tree.people.member).get(f"/activities/{activity.pk}/").content.decode()


def test_an_expected_member_checks_in_within_the_window(tree, client_for, activity):
    response = client_for(tree.people.member).get(_url(activity))
    assert response.status_code == 200
    assert "签到成功" in response.content.decode()
    record = Attendance.objects.get(activity=activity, user=tree.people.member)
    assert (record.status, record.method) == ("present", "qr")


def test_a_member_of_a_party_group_below_the_branch_is_expected(tree, client_for, activity):
    assert "签到成功" in client_for(tree.people.group_member).get(_url(activity)).content.decode()


def test_checking_in_twice_changes_nothing_the_second_time(tree, client_for, activity):
    client = client_for(tree.people.member)
    client.get(_url(activity))
    first = Attendance.objects.get()
    again = client.get(_url(activity)).content.decode()
    assert "您已签到" in again
    assert "签到成功" not in again
    assert Attendance.objects.get().recorded_at == first.recorded_at
    assert not AttendanceChange.objects.exists()


def test_a_person_recorded_on_leave_who_turns_up_is_corrected_to_present_with_history(tree, client_for, activity):
    Attendance.objects.create(activity=activity, user=tree.people.member, status="leave")
    assert "签到成功" in client_for(tree.people.member).get(_url(activity)).content.decode()
    assert Attendance.objects.get().status == "present"
    assert AttendanceChange.objects.get().previous_status == "leave"


def test_check_in_before_the_window_opens_is_refused(tree, client_for, activity):
    with time_machine.travel(activity.starts_at - timedelta(minutes=61)):
        response = client_for(tree.people.member).get(_url(activity))
    assert "签到尚未开始" in response.content.decode()
    assert not Attendance.objects.exists()


def test_check_in_after_the_end_is_refused_as_expired(tree, client_for, activity):
    with time_machine.travel(activity.ends_at + timedelta(minutes=1)):
        response = client_for(tree.people.member).get(_url(activity))
    assert "签到已结束" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_tampered_token_is_refused(tree, client_for, activity):
    other = ActivityFactory(organizer=tree.branch)
    token = checkin_token(activity)
    forged = token.replace(f"{activity.pk}:", f"{other.pk}:", 1)
    for bad in (forged, token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense"):
        response = client_for(tree.people.member).get(f"/activities/check-in/{bad}/")
        assert response.status_code == 400
        assert "签到码无效" in response.content.decode()
    assert not Attendance.objects.exists()


def test_someone_not_expected_cannot_check_in(tree, client_for, activity):
    for person in (tree.people.other_member, tree.people.committee_member, tree.people.outsider):
        response = client_for(person).get(_url(activity))
        assert response.status_code == 403
        assert "不在本次活动的应到人员之列" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_cancelled_activity_takes_no_check_in(tree, client_for, activity):
    activity.status = "cancelled"
    activity.save()
    assert "已取消" in client_for(tree.people.member).get(_url(activity)).content.decode()
    assert not Attendance.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_first(client, activity):
    response = client.get(_url(activity))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
