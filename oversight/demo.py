"""Common problems the article says branches share, with the answers of other branches."""

from oversight import services
from oversight.models import Reply, Topic

TOPICS = [
    ("zhanjiang", "zj_secretary", "点多面广、管理人员少，如何组织好集中政治学习？",
     "我们支部分布在湛江、茂名多个作业点，司机轮班出车，很难凑齐人开会。各兄弟支部有什么好办法？",
     [("organ", "organ_secretary",
       "机关支部的做法是“两走”：党小组结对到一线宣讲，把课送到作业点；再配合线上学习群补课，效果不错。"),
      ("guangzhou", "secretary",
       "可以把学习放在交接班前后 20 分钟，并利用“铁人先锋”平台建内部学习群，随时打卡。")],
     "guangzhou"),
    ("dongguan", "dg_secretary", "支部书记多为兼职，党建工作时间精力不足怎么办？",
     "书记同时负责生产，党建台账经常赶不及。大家是如何分工的？",
     [("meizhou", "mz_secretary", "我们让副书记和组织委员分管台账和三会一课的记录，书记把关方向。")],
     None),
    ("huizhou", "hz_secretary", "如何提高党员参加组织生活的积极性？",
     "近来党员参加活动的热情不高，形式也比较单一。",
     [], None),
]


def seed(orgs, people):
    for org_key, author_key, title, body, replies, solution_by in TOPICS:
        topic = Topic.objects.filter(title=title).first()
        if topic is None:
            topic = services.raise_topic(organization=orgs[org_key], author=people[author_key], title=title, body=body)
        for reply_org, reply_author, reply_body in replies:
            if not Reply.objects.filter(topic=topic, body=reply_body).exists():
                services.reply_to(topic, organization=orgs[reply_org], author=people[reply_author], body=reply_body)
        if solution_by and topic.status == Topic.Status.OPEN:
            solution = topic.replies.filter(organization=orgs[solution_by]).first()
            services.mark_solution(topic, solution, by=people[author_key])
