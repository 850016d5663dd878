import datetime

from pairings.models import Pairing
from tests.factories.pairings import pairing_between


def _many(tree, count):
    for _ in range(count):
        pairing_between(tree.branch, tree.other_branch, tree.external)


def _list_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(100) as captured:
        assert client.get("/pairings/").status_code == 200
    return len(captured)


def test_list_query_count_does_not_grow_with_the_number_of_agreements(tree, client_for, django_assert_max_num_queries):
    admin = client_for(tree.people.admin)
    _many(tree, 1)
    one = _list_queries(admin, django_assert_max_num_queries)
    _many(tree, 9)
    ten = _list_queries(admin, django_assert_max_num_queries)
    assert ten == one
    with django_assert_max_num_queries(one):
        assert admin.get("/pairings/approvals/").status_code == 200


def test_filters_and_search(tree, client_for):
    today = datetime.date.today()
    active = pairing_between(tree.branch, tree.other_branch, title="联学共建协议", status=Pairing.Status.APPROVED)
    ended = pairing_between(tree.branch, tree.external, title="外部共建协议", status=Pairing.Status.APPROVED,
                            start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 12, 31))
    draft = pairing_between(tree.other_branch, tree.branch, title="岗位交流草案")
    client = client_for(tree.people.admin)

    def titles(query):
        page = client.get(f"/pairings/?{query}").content.decode()
        return {p.title for p in (active, ended, draft) if p.title in page}

    assert titles("status=active") == {"联学共建协议"}
    assert titles("status=ended") == {"外部共建协议"}
    assert titles("status=draft") == {"岗位交流草案"}
    assert titles("kind=external") == {"外部共建协议"}
    assert titles(f"organization={tree.external.pk}") == {"外部共建协议"}
    assert titles("year=2020") == {"外部共建协议"}
    assert titles(f"year={today.year}") == {"联学共建协议", "岗位交流草案"}
    assert titles("q=兄弟单位") == {"外部共建协议"}
    assert titles("q=岗位") == {"岗位交流草案"}
    page = client.get("/pairings/?status=active").content.decode()
    assert "履行中" in page


def test_list_is_paginated_keeping_the_filters(tree, client_for):
    for _ in range(25):
        pairing_between(tree.branch, tree.other_branch, kind="internal")
    page = client_for(tree.people.admin).get("/pairings/?kind=internal").content.decode()
    assert "kind=internal&amp;page=2" in page
