"""Planning, editing, holding and cancelling an activity through the pages."""

from datetime import timedelta

from django.utils import timezone

from activities.models import Activity
from notifications.models import Notification
from tests.factories.activities import ActivityFactory


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_a_secretary_plans_an_activity_and_the_expected_people_are_told(tree, client_for):
    starts = timezone.now() + timedelta(days=2)
    response = client_for(tree.people.secretary).post("/activities/new/", {
        "title": "十一月主题党日：重温入党誓词", "kind": "theme_party_day", "organizer": tree.branch.pk,
        "participants": [tree.other_branch.pk], "starts_at": _local(starts),
        "ends_at": _local(starts + timedelta(hours=2)), "place": "三楼党员活动室", "online_url": "",
    }, follow=True)
    page = response.content.decode()
    assert "活动已创建" in page
    assert "十一月主题党日：重温入党誓词" in page
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.PLANNED
    assert set(activity.participants.all()) == {tree.branch, tree.other_branch}
    assert activity.created_by == tree.people.secretary
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {"mem1", "grp1", "dep1", "mem2", "sec2"} <= told
    assert "sec1" not in told


def test_planning_refuses_an_end_before_the_start_and_keeps_what_was_typed(tree, client_for):
    starts = timezone.now() + timedelta(days=2)
    response = client_for(tree.people.secretary).post("/activities/new/", {
        "title": "支委会", "kind": "branch_committee", "organizer": tree.branch.pk,
        "starts_at": _local(starts), "ends_at": _local(starts - timedelta(hours=1)), "place": "会议室",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "结束时间不能早于开始时间" in page
    assert 'value="会议室"' in page
    assert not Activity.objects.exists()


def test_a_secretary_cannot_plan_for_an_organisation_they_do_not_manage(tree, client_for):
    starts = timezone.now() + timedelta(days=2)
    response = client_for(tree.people.secretary).post("/activities/new/", {
        "title": "越权", "kind": "other", "organizer": tree.other_branch.pk,
        "starts_at": _local(starts), "ends_at": _local(starts + timedelta(hours=1)),
    })
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_a_group_meeting_is_organised_by_the_group_and_expects_only_its_members(tree, client_for):
    starts = timezone.now() + timedelta(days=1)
    client = client_for(tree.people.secretary)
    refused = client.post("/activities/new/", {
        "title": "党小组会", "kind": "group_meeting", "organizer": tree.branch.pk,
        "starts_at": _local(starts), "ends_at": _local(starts + timedelta(hours=1)),
    })
    assert "党小组会由党小组自己组织" in refused.content.decode()
    client.post("/activities/new/", {
        "title": "党小组会", "kind": "group_meeting", "organizer": tree.group.pk,
        "participants": [tree.other_branch.pk],
        "starts_at": _local(starts), "ends_at": _local(starts + timedelta(hours=1)),
    })
    activity = Activity.objects.get()
    assert list(activity.participants.all()) == [tree.group]
    page = client.get(f"/activities/{activity.pk}/").content.decode()
    assert "应到 1 人" in page


def test_a_secretary_records_minutes_which_are_sanitised(tree, client_for):
    activity = ActivityFactory(organizer=tree.branch, title="支部党员大会",
                               starts_at=timezone.now() - timedelta(hours=2))
    client = client_for(tree.people.secretary)
    response = client.post(f"/activities/{activity.pk}/hold/", {
        "minutes": "传达学习上级精神。\n\n讨论发展党员。<script>alert(1)</script>",
        "outcomes": "确定两名入党积极分子",
    }, follow=True)
    page = response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.HELD
    assert "<script>" not in activity.minutes
    assert "<p>传达学习上级精神。</p>" in activity.minutes
    assert "讨论发展党员" in page and "确定两名入党积极分子" in page
    assert "已举行" in page


def test_rich_minutes_keep_allowed_tags_and_lose_dangerous_attributes(tree, client_for):
    activity = ActivityFactory(organizer=tree.branch, starts_at=timezone.now() - timedelta(hours=2))
    client_for(tree.people.secretary).post(f"/activities/{activity.pk}/hold/", {
        "minutes": '<p onclick="x()"><strong>决议</strong> <a href="javascript:alert(1)">链接</a></p>',
    })
    activity.refresh_from_db()
    assert "<strong>决议</strong>" in activity.minutes
    assert "onclick" not in activity.minutes and "javascript" not in activity.minutes


def test_minutes_cannot_be_recorded_before_the_activity_starts(tree, client_for):
    activity = ActivityFactory(organizer=tree.branch)
    response = client_for(tree.people.secretary).post(
        f"/activities/{activity.pk}/hold/", {"minutes": "提前写"}, follow=True)
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED
    assert "只有已开始且未取消的活动才能记录为已举行" in response.content.decode()


def test_cancelling_needs_a_reason_and_tells_the_expected_people(tree, client_for):
    activity = ActivityFactory(organizer=tree.branch, title="红色教育参观")
    client = client_for(tree.people.secretary)
    response = client.post(f"/activities/{activity.pk}/cancel/", {"reason": "  "})
    assert "这个字段是必填项" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED

    page = client.post(f"/activities/{activity.pk}/cancel/", {"reason": "台风预警，改期举行"}, follow=True)
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED
    assert "台风预警，改期举行" in page.content.decode()
    assert Notification.objects.filter(recipient=tree.people.member, title__contains="红色教育参观").count() == 1


def test_a_secretary_edits_an_activity(tree, client_for):
    activity = ActivityFactory(organizer=tree.branch, title="旧标题")
    response = client_for(tree.people.secretary).post(f"/activities/{activity.pk}/edit/", {
        "title": "新标题", "kind": "party_lesson", "organizer": tree.branch.pk,
        "starts_at": _local(activity.starts_at), "ends_at": _local(activity.ends_at), "place": "新地点",
    }, follow=True)
    assert "新标题" in response.content.decode()
    activity.refresh_from_db()
    assert (activity.title, activity.kind, activity.place) == ("新标题", "party_lesson", "新地点")


def test_the_list_filters_by_kind_status_organisation_and_period(tree, client_for):
    now = timezone.now()
    ActivityFactory(organizer=tree.branch, title="甲党课", kind="party_lesson", starts_at=now - timedelta(days=400),
                    status="held")
    ActivityFactory(organizer=tree.branch, title="乙支委会", kind="branch_committee")
    ActivityFactory(organizer=tree.branch, title="丙联学", kind="joint_study", participants=[tree.other_branch])
    client = client_for(tree.people.admin)

    def titles(query):
        page = client.get(f"/activities/?{query}").content.decode()
        return {t for t in ("甲党课", "乙支委会", "丙联学") if t in page}

    assert titles("") == {"甲党课", "乙支委会", "丙联学"}
    assert titles("kind=party_lesson") == {"甲党课"}
    assert titles("status=held") == {"甲党课"}
    assert titles(f"organization={tree.other_branch.pk}") == {"丙联学"}
    assert titles("period=upcoming") == {"乙支委会", "丙联学"}
    assert titles("period=past") == {"甲党课"}


def test_the_list_is_paginated(tree, client_for):
    for n in range(25):
        ActivityFactory(organizer=tree.branch, title=f"活动{n:02d}号")
    client = client_for(tree.people.secretary)
    first = client.get("/activities/?kind=theme_party_day").content.decode()
    assert "第 1 / 2 页" in first or "第 1 页，共 2 页" in first
    second = client.get("/activities/?kind=theme_party_day&page=2").content.decode()
    assert second.count('class="list-group-item py-3"') == 5
