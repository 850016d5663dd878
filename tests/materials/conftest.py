from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from branches.models import Role
from materials.models import Material
from pairings.models import Pairing
from tests.factories import member_of
from tests.factories.files import pdf_bytes
from tests.factories.materials import MaterialFactory
from tests.factories.pairings import pairing_between

V = Material.Visibility


@pytest.fixture
def shared(tree):
    """Materials of the first branch shared three ways, a draft, a public news item, and the
    people around them: a partner in an active pairing, one whose pairing has ended, and a
    pairing still awaiting approval."""
    branch = tree.branch
    partner_member = member_of(tree.far_branch, Role.MEMBER, username="partner1", name="共建党员")
    ended_partner = member_of(tree.external, Role.MEMBER, username="ext1", name="兄弟单位党员")
    pending_org = tree.other_committee.children.create(name="待批党支部", kind="branch")
    pending_member = member_of(pending_org, Role.MEMBER, username="pend1")
    pairing_between(branch, tree.far_branch, status=Pairing.Status.APPROVED, title="进行中的共建")
    pairing_between(branch, tree.external, status=Pairing.Status.APPROVED, days_from=-400, days_to=-10,
                    title="已结束的共建")
    pairing_between(branch, pending_org, status=Pairing.Status.SUBMITTED, title="待审批的共建")

    def material(title, visibility, **fields):
        return MaterialFactory(title=title, owner=branch, visibility=visibility, **fields)

    portal = material("全网共享的党史学习材料", V.PORTAL)
    subtree = material("本支部内部学习材料", V.SUBTREE)
    partners = material("共建单位共享材料", V.PARTNERS)
    draft = material("尚未发布的草稿材料", V.PORTAL, is_published=False)
    news = material("公开新闻：支部开展主题党日", V.SUBTREE, is_public_news=True)
    partners.attachment.save("共建协议学习.pdf", ContentFile(pdf_bytes()), save=False)
    partners.attachment_name, partners.attachment_type = "共建协议学习.pdf", "pdf"
    partners.save()
    return SimpleNamespace(
        portal=portal, subtree=subtree, partners=partners, draft=draft, news=news,
        partner_member=partner_member, ended_partner=ended_partner, pending_member=pending_member,
    )
