from datetime import date

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from activities.models import Activity, ActivityKind
from reminders.compliance import AMBER, RED, compliance_for, compliance_for_many, overall_light
from reminders.models import RequirementRule
from tests.factories import OrganizationFactory
from tests.factories.reminders import ActivityFactory
from tests.reminders.conftest import local


def by_kind(statuses):
    return {s.rule.activity_kind: s for s in statuses}


def test_the_default_requirements_are_seeded(db):
    rules = set(RequirementRule.objects.values_list("activity_kind", "period", "minimum", "organization_kind"))
    assert rules == {
        ("party_congress", "quarter", 1, "branch"), ("branch_committee", "month", 1, "branch"),
        ("group_meeting", "month", 1, "group"), ("party_lesson", "quarter", 1, "branch"),
        ("theme_party_day", "month", 1, "branch"), ("organization_life_meeting", "year", 1, "branch"),
    }


def test_compliance_counts_held_activities_of_the_period(tree, at):
    at(2026, 5, 20, 10)
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.BRANCH_COMMITTEE, starts_at=local(2026, 5, 3, 9),
                    status=Activity.Status.HELD)
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.BRANCH_COMMITTEE, starts_at=local(2026, 4, 28, 9),
                    status=Activity.Status.HELD)  # last month: does not count
    ActivityFactory(organizer=tree.other_branch, participants=[tree.other_branch, tree.branch],
                    kind=ActivityKind.PARTY_LESSON, starts_at=local(2026, 4, 10, 9), status=Activity.Status.HELD)
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.THEME_PARTY_DAY, starts_at=local(2026, 5, 25, 9))
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.PARTY_CONGRESS, starts_at=local(2026, 5, 4, 9),
                    status=Activity.Status.CANCELLED)
    statuses = by_kind(compliance_for(tree.branch))
    assert set(statuses) == {"branch_committee", "theme_party_day", "party_congress", "party_lesson",
                             "organization_life_meeting"}
    committee = statuses["branch_committee"]
    assert (committee.met, committee.held, committee.required, committee.days_left) == (True, 1, 1, 12)
    assert committee.period_start == date(2026, 5, 1) and committee.period_end == date(2026, 5, 31)
    assert statuses["party_lesson"].met  # a joint lesson counts for every participant
    theme = statuses["theme_party_day"]
    assert (theme.met, theme.planned, theme.light) == (False, 1, AMBER)
    congress = statuses["party_congress"]
    assert (congress.met, congress.held, congress.days_left) == (False, 0, 42)
    assert statuses["organization_life_meeting"].period_end == date(2026, 12, 31)


def test_light_turns_red_when_the_period_ends_soon_and_nothing_is_planned(tree, at):
    at(2026, 5, 25, 10)
    statuses = by_kind(compliance_for(tree.branch))
    assert statuses["branch_committee"].light == RED
    assert statuses["party_congress"].light == AMBER
    assert overall_light(statuses.values()) == RED
    assert compliance_for(tree.committee) == [] and compliance_for(tree.external) == []


def test_a_past_period_can_be_asked_for(tree, at):
    at(2026, 5, 25, 10)
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.BRANCH_COMMITTEE, starts_at=local(2026, 2, 3, 9),
                    status=Activity.Status.HELD)
    statuses = by_kind(compliance_for(tree.branch, period_containing=date(2026, 2, 10)))
    assert statuses["branch_committee"].met and statuses["branch_committee"].period_end == date(2026, 2, 28)


def test_compliance_of_many_organisations_takes_the_same_few_queries(tree, at, django_assert_max_num_queries):
    at(2026, 5, 25, 10)
    few = [tree.branch, tree.other_branch, tree.group]
    many = few + [OrganizationFactory(parent=tree.committee) for _ in range(30)]
    for org in many[3:]:
        ActivityFactory(organizer=org, kind=ActivityKind.BRANCH_COMMITTEE, starts_at=local(2026, 5, 3, 9),
                        status=Activity.Status.HELD)
    with django_assert_max_num_queries(4):
        compliance_for_many(few)
    with django_assert_max_num_queries(4):
        result = compliance_for_many(many)
    assert all(by_kind(result[org.pk])["branch_committee"].met for org in many[3:])


def render_light(org, user, language="zh-hans"):
    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        return Template("{% load compliance %}{% compliance_light org %}").render(
            Context({"org": org, "request": request})
        )


def test_organisation_page_partial_shows_a_traffic_light_to_its_members(tree, at):
    at(2026, 5, 25, 10)
    ActivityFactory(organizer=tree.branch, kind=ActivityKind.BRANCH_COMMITTEE, starts_at=local(2026, 5, 3, 9),
                    status=Activity.Status.HELD)
    html = render_light(tree.branch, tree.people.member)
    assert "本期组织生活落实情况" in html
    assert 'data-light="red"' in html and "尚未落实，本期即将结束" in html
    assert "已落实" in html and "已开展 1 / 1 次" in html and "还剩 7 天" in html
    assert "每季度至少 1 次" in html
    assert "Requirements this period" in render_light(tree.branch, tree.people.member, "en")
    assert "本期组织生活" in render_light(tree.branch, tree.people.admin)  # the committee above


def test_outsiders_see_no_compliance(tree, at):
    at(2026, 5, 25, 10)
    assert render_light(tree.branch, tree.people.outsider).strip() == ""
    assert render_light(tree.branch, tree.people.far_secretary).strip() == ""


def test_requirements_are_editable_in_the_admin(tree, client_for):
    admin = client_for(tree.people.site_admin)
    rule = RequirementRule.objects.get(activity_kind="branch_committee")
    page = admin.get(f"/admin/reminders/requirementrule/{rule.pk}/change/")
    assert page.status_code == 200
    response = admin.post(f"/admin/reminders/requirementrule/{rule.pk}/change/", {
        "activity_kind": "branch_committee", "period": "month", "minimum": 2,
        "organization_kind": "branch", "is_active": "on",
    })
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.minimum == 2
