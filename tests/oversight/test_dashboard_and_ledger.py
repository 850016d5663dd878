from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from activities.models import Activity, ActivityKind, Attendance

TZ = ZoneInfo("Asia/Shanghai")


def held(org, kind, day, title="活动", participants=()):
    start = datetime(2026, 3, day, 9, tzinfo=TZ)
    activity = Activity.objects.create(title=title, kind=kind, organizer=org, starts_at=start,
                                       ends_at=start + timedelta(hours=2), status=Activity.Status.HELD,
                                       minutes="<p>学习了<b>党史</b></p>", place="会议室")
    activity.participants.set([org, *participants])
    return activity


def test_committee_admin_sees_each_branch_figures(tree, client_for):
    held(tree.branch, ActivityKind.BRANCH_COMMITTEE, 2)
    held(tree.branch, ActivityKind.THEME_PARTY_DAY, 15)
    held(tree.other_branch, ActivityKind.SYMPOSIUM, 20, participants=[tree.branch])
    response = client_for(tree.people.admin).get("/dashboard/?year=2026")
    assert response.status_code == 200
    rows = {row["org"].name: row for row in response.context["rows"]}
    assert rows["第一配送中心党支部"]["meetings"] == 1
    assert rows["第一配送中心党支部"]["theme_days"] == 1
    assert rows["第一配送中心党支部"]["joint"] == 1
    assert rows["第二配送中心党支部"]["held"] == 1
    assert "远方党支部" not in rows
    assert "测试分公司党委：数据看板" in response.content.decode()


def test_member_has_no_dashboard(tree, client_for):
    assert client_for(tree.people.member).get("/dashboard/").status_code == 403


def test_admin_may_not_look_at_another_committee(tree, client_for):
    response = client_for(tree.people.admin).get(f"/dashboard/?org={tree.other_committee.pk}")
    assert response.status_code == 403


def test_dashboard_query_count_does_not_grow_with_activities(tree, client_for, django_assert_max_num_queries):
    client = client_for(tree.people.admin)
    held(tree.branch, ActivityKind.BRANCH_COMMITTEE, 1)
    with django_assert_max_num_queries(30) as captured:
        client.get("/dashboard/?year=2026")
    baseline = len(captured.captured_queries)
    for day in range(2, 12):
        activity = held(tree.other_branch, ActivityKind.PARTY_LESSON, day)
        Attendance.objects.create(activity=activity, user=tree.people.other_member)
    with django_assert_max_num_queries(baseline):
        client.get("/dashboard/?year=2026")


def test_secretary_exports_the_ledger_without_contact_details(tree, client_for):
    activity = held(tree.branch, ActivityKind.PARTY_LESSON, 5, title="专题党课")
    Attendance.objects.create(activity=activity, user=tree.people.member, status=Attendance.Status.PRESENT)
    Attendance.objects.create(activity=activity, user=tree.people.deputy, status=Attendance.Status.LEAVE)
    response = client_for(tree.people.secretary).get(f"/ledger/{tree.branch.pk}/?year=2026")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]]))
    assert row["名称"] == "专题党课"
    assert row["类型"] == "党课"
    assert row["实到"] == 1 and row["请假"] == 1
    assert row["会议记录"] == "学习了党史"
    assert row["应到"] == 3  # the secretary, the deputy and the member
    names = [c.value for c in book.worksheets[1]["C"]][1:]
    assert set(names) == {tree.people.member.display_name, tree.people.deputy.display_name}
    everything = " ".join(str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r)
    assert "@example.com" not in everything


def test_outsider_cannot_export_a_ledger(tree, client_for):
    assert client_for(tree.people.other_secretary).get(f"/ledger/{tree.branch.pk}/").status_code == 403
    assert client_for(tree.people.member).get(f"/ledger/{tree.branch.pk}/").status_code == 403


def test_a_dashboard_asked_for_a_nonsense_organisation_is_not_found(tree, client_for):
    assert client_for(tree.people.admin).get("/dashboard/?org=abc").status_code == 404
