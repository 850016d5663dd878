from django.core.management import call_command
from django.utils import timezone

from activities.forms import period_bounds
from activities.models import Activity, Attendance
from branches.models import Organization


def test_seed_demo_holds_the_articles_activities_and_running_it_twice_changes_nothing(db):
    call_command("seed_demo", verbosity=0)
    counts = (Activity.objects.count(), Attendance.objects.count())
    soon = Activity.objects.get(title="党建互联共建经验交流学习会")
    call_command("seed_demo", verbosity=0)
    assert (Activity.objects.count(), Attendance.objects.count()) == counts

    for title in ("三方党建互联共建座谈会", "三方拔河友谊赛", "南沙红色教育：联合油库甲方人员接受红色洗礼",
                  "“两走”工作法基层宣讲：走进广州配送中心", "我为员工群众办实事：美化场区、改善员工住宿环境"):
        assert Activity.objects.filter(title=title, status="held").exists(), title
    symposium = Activity.objects.get(title="三方党建互联共建座谈会")
    assert {o.name for o in symposium.participants.all()} == {
        "广东分公司党委", "广东销售公司储运分公司党委", "东北销售公司广州分公司党委"}

    # The activity that starts within the hour follows the clock on every run.
    soon.refresh_from_db()
    assert 0 < (soon.starts_at - timezone.now()).total_seconds() <= 3600
    assert soon.status == "planned"


def test_the_demo_year_of_three_meetings_leaves_one_requirement_unmet_this_quarter(db):
    call_command("seed_demo", verbosity=0)
    start, end = period_bounds("quarter")
    organ = Organization.objects.get(name="机关党支部")
    guangzhou = Organization.objects.get(name="广州配送中心党支部")
    lessons = Activity.objects.filter(kind="party_lesson", status="held", starts_at__gte=start, starts_at__lt=end)
    assert lessons.filter(organizer=guangzhou).exists()
    assert not lessons.filter(organizer=organ).exists()
    assert Activity.objects.filter(organizer=organ, kind="party_lesson").count() >= 3
    assert Activity.objects.filter(organizer=guangzhou, kind="branch_committee", status="held").count() >= 11
    assert Attendance.objects.filter(activity__organizer=guangzhou).exists()
