from activities.models import Activity, ActivityKind
from notifications.models import Notification
from reminders.models import ReminderKind, RequirementRule
from tests.factories.reminders import ActivityFactory
from tests.reminders.conftest import local, titles

COMPLIANCE = ReminderKind.COMPLIANCE


def about(person, org):
    return [title for title in titles(person) if title.startswith(org.name)]


def body_for(person, org):
    return Notification.objects.get(recipient=person, title__startswith=org.name).body


def held(org, kind, when):
    return ActivityFactory(organizer=org, kind=kind, starts_at=when, status=Activity.Status.HELD)


def test_secretaries_are_reminded_10_days_before_the_month_ends_in_chinese(tree, at, run):
    at(2026, 4, 21, 8, 59)
    run(COMPLIANCE)
    assert titles(tree.people.secretary) == []

    at(2026, 4, 21, 9, 0)  # April has 30 days: 10 days left, today included
    run(COMPLIANCE)
    assert about(tree.people.secretary, tree.branch) == ["第一配送中心党支部：本期组织生活尚未落实"]
    assert about(tree.people.deputy, tree.branch) == ["第一配送中心党支部：本期组织生活尚未落实"]
    body = body_for(tree.people.secretary, tree.branch)
    assert "本期于 2026年4月30日 结束，还剩 10 天" in body
    assert body.count("（每月至少 1 次）：已开展 0 次") == 2  # branch committee, theme Party day
    assert "每季度" not in body  # the quarterly requirements: their quarter ends in June
    assert titles(tree.people.member) == []


def test_secretary_reading_english_gets_it_in_english(tree, at, run):
    tree.people.secretary.language = "en"
    tree.people.secretary.save()
    at(2026, 4, 21, 9)
    run(COMPLIANCE)
    assert about(tree.people.secretary, tree.branch) == ["第一配送中心党支部: requirements not yet met this period"]
    body = body_for(tree.people.secretary, tree.branch)
    assert "the period ends on April 30, 2026, 10 days left" in body
    assert "Branch committee meeting (at least 1 per month): 0 held" in body


def test_nothing_for_requirements_already_met(tree, at, run):
    held(tree.branch, ActivityKind.BRANCH_COMMITTEE, local(2026, 4, 3, 9))
    held(tree.branch, ActivityKind.THEME_PARTY_DAY, local(2026, 4, 15, 9))
    at(2026, 4, 21, 9)
    run(COMPLIANCE)
    assert about(tree.people.secretary, tree.branch) == []
    # the other branch has met nothing, and is reminded
    assert titles(tree.people.other_secretary) == ["第二配送中心党支部：本期组织生活尚未落实"]


def test_only_the_unmet_requirements_are_listed(tree, at, run):
    held(tree.branch, ActivityKind.BRANCH_COMMITTEE, local(2026, 4, 3, 9))
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.THEME_PARTY_DAY, starts_at=local(2026, 4, 28, 9))
    at(2026, 4, 21, 9)
    run(COMPLIANCE)
    body = body_for(tree.people.secretary, tree.branch)
    assert body.count("（每月至少 1 次）") == 1
    assert "（每月至少 1 次）：已开展 0 次，已计划 1 次" in body


def test_quarter_end_lists_monthly_and_quarterly_requirements_in_one_reminder(tree, at, run):
    at(2026, 3, 29, 10)  # 3 days before the quarter ends
    run(COMPLIANCE)
    assert len(about(tree.people.secretary, tree.branch)) == 1
    body = body_for(tree.people.secretary, tree.branch)
    assert "还剩 3 天" in body
    assert body.count("（每月至少 1 次）") == 2 and body.count("（每季度至少 1 次）") == 2


def test_the_3_day_reminder_is_a_second_reminder(tree, at, run):
    at(2026, 4, 21, 9)
    run(COMPLIANCE)
    at(2026, 4, 25, 9)
    run(COMPLIANCE)
    assert len(about(tree.people.secretary, tree.branch)) == 1
    at(2026, 4, 28, 9)
    run(COMPLIANCE)
    assert len(about(tree.people.secretary, tree.branch)) == 2


def test_a_group_meeting_reminder_goes_to_the_branch_secretaries(tree, at, run):
    at(2026, 4, 21, 9)
    run(COMPLIANCE)
    group_titles = [t for t in titles(tree.people.secretary) if t.startswith("第一党小组")]
    assert group_titles == ["第一党小组：本期组织生活尚未落实"]
    assert titles(tree.people.group_member) == []


def test_an_inactive_rule_reminds_nobody(tree, at, run):
    RequirementRule.objects.update(is_active=False)
    at(2026, 4, 21, 9)
    run(COMPLIANCE)
    assert Notification.objects.count() == 0


def test_nothing_for_a_secretary_who_left(tree, at, run):
    tree.people.deputy.memberships.all().delete()
    at(2026, 4, 21, 9)
    run(COMPLIANCE)
    assert titles(tree.people.deputy) == []
    assert len(titles(tree.people.secretary)) == 2  # the branch and its group


def test_a_month_and_a_quarter_due_at_different_moments_both_go_out_after_downtime(tree, at, run, settings):
    """With offsets of 65 and 3 days the quarter's reminder fell due on 27 April and the
    month's on 28 April: a run on the 28th, the first since the 26th, sends both, once."""
    settings.REMINDER_COMPLIANCE_OFFSETS_DAYS = [65, 3]
    at(2026, 4, 26, 10)
    run(COMPLIANCE)
    assert titles(tree.people.secretary) == []  # 65 days before April ends is in February: no reminder then
    at(2026, 4, 28, 10)
    run(COMPLIANCE)
    run(COMPLIANCE)
    bodies = sorted(Notification.objects.filter(recipient=tree.people.secretary, title__startswith=tree.branch.name)
                    .values_list("body", flat=True))
    assert len(bodies) == 2
    assert "本期于 2026年4月30日 结束，还剩 3 天" in bodies[0] and "每月" in bodies[0]
    assert "本期于 2026年6月30日 结束，还剩 65 天" in bodies[1] and "每季度" in bodies[1]
