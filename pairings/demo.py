"""Demo agreements from the source article, for `manage.py seed_demo`.

Found by title and left alone once there, so seeding twice changes nothing. Written directly
(not through the services) so that seeding sends no notifications.
"""

import datetime

from django.utils import timezone

from pairings.models import Pairing, PairingEvent, PairingParty

THREE_PARTY_TITLE = "广东分公司党委与广东销售公司储运分公司党委、东北销售公司广州分公司党委三方互联共建协议"
THREE_PARTY_GOALS = (
    "<p>为实现互联共建“1+1&gt;2”的倍增效应，三方党组织约定：</p>"
    "<ol><li>定期召开座谈会，就工作动态、面临的形势以及合作走向深入商讨；</li>"
    "<li>在社会民生领域加强合作，共同打造志愿服务队伍以及互助小组；</li>"
    "<li>面临油库资源不稳定等突发状况时，以保供油站为宗旨，灵活应变，密切业务沟通与交流；</li>"
    "<li>共同开展拔河友谊赛等文体活动，增进三方党员的联系。</li></ol>"
)
ORGAN_TITLE = "机关党支部与广州配送中心党支部结对共建协议"
ORGAN_GOALS = (
    "<p>总调度室与广州配送中心党支部积极互联，促进岗位交流、人员交流：</p>"
    "<ul><li>机关党小组与配送中心结对子，每季度到基层一线开展一次宣讲与培训；</li>"
    "<li>宣传一线优秀驾驶员的典型事迹；</li><li>共同开展主题党日活动。</li></ul>"
)


def _pairing(title, *, kind, goals, start, end, status, initiator, partners, approver, history):
    pairing = Pairing.objects.filter(title=title).first()
    if pairing:
        return pairing
    drafter = history[0][1]
    submission = next((when, who) for when, who, _from, to, _c in history if to == Pairing.Status.SUBMITTED)
    pairing = Pairing.objects.create(
        title=title, kind=kind, goals=goals, start_date=start, end_date=end, status=status,
        approver=approver, created_by=drafter, submitted_by=submission[1], submitted_at=submission[0],
    )
    PairingParty.objects.create(pairing=pairing, organization=initiator, role=PairingParty.Role.INITIATOR)
    for org in partners:
        PairingParty.objects.create(pairing=pairing, organization=org, role=PairingParty.Role.PARTNER)
    for when, who, from_status, to_status, comment in history:
        PairingEvent.objects.create(pairing=pairing, actor=who, created_at=when, from_status=from_status,
                                    to_status=to_status, comment=comment)
    return pairing


def seed(orgs, people):
    now = timezone.now()
    today = timezone.localdate()
    days = datetime.timedelta
    three_party = _pairing(
        THREE_PARTY_TITLE, kind=Pairing.Kind.EXTERNAL, goals=THREE_PARTY_GOALS,
        start=today - days(days=60), end=today - days(days=60) + days(days=730),
        status=Pairing.Status.APPROVED, initiator=orgs["committee"],
        partners=[orgs["ext_storage"], orgs["ext_northeast"]], approver=orgs["committee"],
        history=[
            (now - days(days=75), people["admin"], "", Pairing.Status.DRAFT, ""),
            (now - days(days=70), people["admin"], Pairing.Status.DRAFT, Pairing.Status.SUBMITTED, ""),
            (now - days(days=65), people["committee_admin"], Pairing.Status.SUBMITTED, Pairing.Status.APPROVED,
             "同意。请以座谈会形式启动三方共建。"),
        ],
    )
    organ = _pairing(
        ORGAN_TITLE, kind=Pairing.Kind.INTERNAL, goals=ORGAN_GOALS,
        start=today.replace(day=1), end=today.replace(day=1) + days(days=364),
        status=Pairing.Status.SUBMITTED, initiator=orgs["organ"], partners=[orgs["guangzhou"]],
        approver=orgs["committee"],
        history=[
            (now - days(days=3), people["organ_secretary"], "", Pairing.Status.DRAFT, ""),
            (now - days(days=1), people["organ_secretary"], Pairing.Status.DRAFT, Pairing.Status.SUBMITTED, ""),
        ],
    )
    return {"three_party": three_party, "organ_guangzhou": organ}
