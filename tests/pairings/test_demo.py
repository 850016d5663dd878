from branches import demo as branches_demo
from pairings import demo
from pairings.models import Pairing, PairingEvent


def test_demo_holds_the_articles_three_party_agreement_and_one_awaiting_approval(db, client_for):
    orgs, people = branches_demo.seed()
    demo.seed(orgs, people)
    demo.seed(orgs, people)  # twice changes nothing
    assert Pairing.objects.count() == 2
    assert PairingEvent.objects.count() == 5
    three = Pairing.objects.get(title=demo.THREE_PARTY_TITLE)
    assert three.is_active and three.kind == Pairing.Kind.EXTERNAL
    assert sorted(three.parties.values_list("organization__name", flat=True)) == sorted(
        ["广东分公司党委", "广东销售公司储运分公司党委", "东北销售公司广州分公司党委"])
    admin = client_for(people["committee_admin"])
    queue = admin.get("/pairings/approvals/").content.decode()
    assert demo.ORGAN_TITLE in queue
    assert 'data-testid="approval-count">1<' in queue
