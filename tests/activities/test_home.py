from datetime import timedelta

from django.utils import timezone

from tests.factories.activities import ActivityFactory


def test_home_shows_what_is_next_for_me_with_date_place_and_organiser(tree, client_for, django_assert_max_num_queries):
    now = timezone.now()
    ActivityFactory(organizer=tree.branch, title="下周主题党日", starts_at=now + timedelta(days=7), place="南沙")
    ActivityFactory(organizer=tree.branch, title="已取消的活动", starts_at=now + timedelta(days=1), status="cancelled")
    ActivityFactory(organizer=tree.branch, title="去年的活动", starts_at=now - timedelta(days=300), status="held")
    ActivityFactory(organizer=tree.other_branch, title="别人的活动", starts_at=now + timedelta(days=1))
    for n in range(6):
        ActivityFactory(organizer=tree.branch, title=f"远期活动{n}", starts_at=now + timedelta(days=30 + n))
    page = client_for(tree.people.member).get("/").content.decode()
    assert "我的近期安排" in page
    assert "下周主题党日" in page and "南沙" in page and "第一配送中心党支部" in page
    for absent in ("已取消的活动", "去年的活动", "别人的活动", "远期活动5"):
        assert absent not in page
    assert "远期活动3" in page
    assert "/activities/calendar/" in page
