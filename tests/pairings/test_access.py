"""A secretary of an unrelated branch gets 403 or 404 on every pairing URL."""

import pytest

from pairings.models import Pairing
from tests.factories.pairings import pairing_between

ACTIONS = ["", "edit/", "submit/", "approve/", "reject/", "terminate/", "agreement/"]


@pytest.mark.parametrize("status", [s for s, _ in Pairing.Status.choices])
def test_unrelated_secretary_is_refused_on_every_url(tree, client_for, status):
    pairing = pairing_between(tree.branch, tree.other_branch, created_by=tree.people.secretary,
                              status=status, submitted_by=tree.people.secretary)
    client = client_for(tree.people.far_secretary)
    for action in ACTIONS:
        url = f"/pairings/{pairing.pk}/{action}"
        assert client.get(url).status_code in (403, 404, 405), url
        assert client.post(url, {"comment": "x", "reason": "x"}).status_code in (403, 404, 405), url
    assert pairing.title not in client.get("/pairings/").content.decode()
    assert pairing.title not in client.get("/pairings/approvals/").content.decode()
    assert "共 0 份协议" in client.get(f"/pairings/?q={pairing.title}").content.decode()
    pairing.refresh_from_db()
    assert pairing.status == status


def test_far_committee_admin_does_not_see_another_committees_agreements(tree, client_for):
    pairing = pairing_between(tree.branch, tree.other_branch, status=Pairing.Status.SUBMITTED)
    client = client_for(tree.people.far_admin)
    assert client.get(f"/pairings/{pairing.pk}/").status_code == 404
    assert pairing.title not in client.get("/pairings/approvals/").content.decode()


def test_visible_list_matches_the_view_rule(tree, client_for):
    mine = pairing_between(tree.branch, tree.other_branch)
    external = pairing_between(tree.other_branch, tree.external)
    theirs = pairing_between(tree.far_branch, tree.external)
    member_page = client_for(tree.people.member).get("/pairings/").content.decode()
    assert mine.title in member_page and external.title not in member_page and theirs.title not in member_page
    admin_page = client_for(tree.people.admin).get("/pairings/").content.decode()
    assert mine.title in admin_page and external.title in admin_page and theirs.title not in admin_page
    root_page = client_for(tree.people.site_admin).get("/pairings/").content.decode()
    assert theirs.title in root_page


def test_anonymous_visitor_is_sent_to_sign_in(tree, client):
    pairing = pairing_between(tree.branch, tree.other_branch)
    for url in ["/pairings/", f"/pairings/{pairing.pk}/", f"/pairings/{pairing.pk}/agreement/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
