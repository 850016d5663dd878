from oversight import services
from oversight.models import Topic


def raise_problem(tree, title="点多面广如何集中学习？"):
    return services.raise_topic(organization=tree.branch, author=tree.people.secretary, title=title, body="求助")


def test_secretary_raises_a_problem_for_the_branches_of_the_committee(tree, client_for):
    response = client_for(tree.people.secretary).post(
        "/board/new/", {"organization": tree.branch.pk, "title": "兼职书记精力不足怎么办？", "body": "请大家支招"},
        follow=True,
    )
    assert "其他支部现在可以回答" in response.content.decode()
    topic = Topic.objects.get()
    assert topic.community == tree.committee
    text = client_for(tree.people.other_member).get("/board/").content.decode()
    assert "兼职书记精力不足怎么办？" in text


def test_a_branch_under_another_committee_does_not_see_the_problem(tree, client_for):
    topic = raise_problem(tree)
    client = client_for(tree.people.far_secretary)
    assert "点多面广" not in client.get("/board/").content.decode()
    assert client.get(f"/board/{topic.pk}/").status_code == 404


def test_committee_admin_sees_problems_of_its_branches(tree, client_for):
    raise_problem(tree)
    assert "点多面广" in client_for(tree.people.admin).get("/board/").content.decode()


def test_another_branch_answers_and_the_author_is_notified(tree, client_for, django_capture_on_commit_callbacks):
    topic = raise_problem(tree)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(tree.people.other_secretary).post(
            f"/board/{topic.pk}/", {"organization": tree.other_branch.pk, "body": "交接班前后学习二十分钟"}, follow=True
        )
    text = response.content.decode()
    assert "交接班前后学习二十分钟" in text and "第二配送中心党支部" in text
    notification = tree.people.secretary.notifications.get()
    assert "点多面广如何集中学习？" in notification.title


def test_nobody_replies_for_an_organisation_they_do_not_belong_to(tree, client_for):
    topic = raise_problem(tree)
    response = client_for(tree.people.other_member).post(
        f"/board/{topic.pk}/", {"organization": tree.branch.pk, "body": "冒名回答"}
    )
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not topic.replies.exists()


def test_author_marks_the_solution_and_others_may_not(tree, client_for):
    topic = raise_problem(tree)
    reply = services.reply_to(topic, organization=tree.other_branch, author=tree.people.other_secretary, body="办法")
    assert client_for(tree.people.other_member).post(f"/board/{topic.pk}/solution/{reply.pk}/").status_code == 403
    response = client_for(tree.people.secretary).post(f"/board/{topic.pk}/solution/{reply.pk}/", follow=True)
    assert "已标记为解决方案" in response.content.decode()
    topic.refresh_from_db()
    assert topic.status == Topic.Status.SOLVED


def test_board_query_count_does_not_grow_with_topics(tree, client_for, django_assert_max_num_queries):
    client = client_for(tree.people.member)
    raise_problem(tree)
    with django_assert_max_num_queries(12) as captured:
        client.get("/board/")
    baseline = len(captured.captured_queries)
    for n in range(10):
        raise_problem(tree, title=f"问题{n}")
    with django_assert_max_num_queries(baseline):
        client.get("/board/")
