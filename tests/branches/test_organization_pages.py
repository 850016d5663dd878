from django.core import mail

from branches.models import Invitation, Membership, Role


def test_organisation_list_shows_the_tree_and_partner_units(tree, client_for):
    text = client_for(tree.people.member).get("/organizations/").content.decode()
    assert "测试分公司党委" in text
    assert "第一党小组" in text
    assert "兄弟单位党组织" in text and "兄弟单位党委" in text


def test_member_sees_brand_and_fellow_members(tree, client_for):
    tree.branch.brand_name = "红色加油站"
    tree.branch.save()
    text = client_for(tree.people.member).get(f"/organizations/{tree.branch.pk}/").content.decode()
    assert "红色加油站" in text
    assert "王书记" in text
    assert "第一党小组" in text


def test_outsider_sees_the_brand_but_not_the_members(tree, client_for):
    text = client_for(tree.people.other_member).get(f"/organizations/{tree.branch.pk}/").content.decode()
    assert "第一配送中心党支部" in text
    assert "王书记" not in text


def test_unknown_organisation_gives_the_styled_404(tree, client_for):
    response = client_for(tree.people.member).get("/organizations/999999/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "页面不存在" in text
    assert "党建互联共建" in text


def test_member_may_not_edit_their_branch_page(tree, client_for):
    response = client_for(tree.people.member).post(f"/organizations/{tree.branch.pk}/edit/", {"brand_name": "X"})
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()
    tree.branch.refresh_from_db()
    assert tree.branch.brand_name == ""


def test_secretary_edits_the_brand(tree, client_for):
    response = client_for(tree.people.secretary).post(
        f"/organizations/{tree.branch.pk}/edit/",
        {"brand_name": "红色加油站", "brand_description": "服务一线", "features": "", "theme_day": "15"},
        follow=True,
    )
    assert "组织主页已更新" in response.content.decode()
    tree.branch.refresh_from_db()
    assert tree.branch.brand_name == "红色加油站"


def test_theme_day_out_of_range_is_refused_with_a_message(tree, client_for):
    response = client_for(tree.people.secretary).post(
        f"/organizations/{tree.branch.pk}/edit/", {"brand_name": "新品牌", "theme_day": "31"}
    )
    assert response.status_code == 200
    assert "28" in response.content.decode()
    tree.branch.refresh_from_db()
    assert tree.branch.brand_name == ""


def test_secretary_invites_a_member_who_sets_a_password_and_joins(
    tree, client_for, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(tree.people.secretary).post(
            f"/organizations/{tree.branch.pk}/invite/",
            {"name": "新党员", "email": "new@example.com", "role": "member"},
            follow=True,
        )
    assert "邀请邮件已发送" in response.content.decode()
    assert len(mail.outbox) == 1
    invitation = Invitation.objects.get()
    assert invitation.token in mail.outbox[0].body

    response = client.post(
        f"/organizations/invitations/{invitation.token}/",
        {"username": "newbie", "password1": "a-strong-pass-2026", "password2": "a-strong-pass-2026"},
        follow=True,
    )
    assert "欢迎！您已加入第一配送中心党支部" in response.content.decode()
    assert Membership.objects.filter(user__username="newbie", organization=tree.branch, role=Role.MEMBER).exists()


def test_used_invitation_cannot_be_used_again(tree, client):
    from branches.services import accept_invitation

    invitation = Invitation.objects.create(organization=tree.branch, name="甲", email="a@example.com")
    accept_invitation(invitation, username="jia", password="a-strong-pass-2026")
    response = client.get(f"/organizations/invitations/{invitation.token}/")
    assert response.status_code == 410
    assert "此邀请链接无效" in response.content.decode()


def test_member_cannot_invite(tree, client_for):
    response = client_for(tree.people.member).post(
        f"/organizations/{tree.branch.pk}/invite/", {"name": "甲", "email": "a@example.com", "role": "member"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_organisation_list_shows_each_group_under_its_branch(tree, client_for):
    text = client_for(tree.people.member).get("/organizations/").content.decode()
    assert text.index("第一配送中心党支部") < text.index("第一党小组") < text.index("第二配送中心党支部")
