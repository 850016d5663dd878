"""Demo study materials of the kinds the source article names, for `manage.py seed_demo`.

Found by title and owner and updated in place, so seeding twice changes nothing.
"""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from materials.models import Material, StudyRecord, Topic

V = Material.Visibility
K = Material.Kind

# owner key, title, kind, topics, visibility, public news, published, days ago, fields
MATERIALS = [
    ("committee", "深入学习党史 汲取奋进力量——党史学习教育专题辅导", K.ARTICLE, ["党史学习教育"], V.PORTAL, True, True, 30, {
        "summary": "分公司党委以党史学习教育为抓手，引导各党支部学史明理、学史增信、学史崇德、学史力行。",
        "body": "<h3>一、为什么要学党史</h3><p>历史是最好的教科书。学习党史，是坚持和发展中国特色社会主义、"
                "把党和国家各项事业继续推向前进的必修课。</p><h3>二、怎样学</h3><ul><li>支部书记带头讲专题党课；</li>"
                "<li>党小组每月开展一次集中学习；</li><li>结合岗位实际，把学习成效转化为提质增效、安全生产的实际行动。</li></ul>"
                "<blockquote>学史明理、学史增信、学史崇德、学史力行。</blockquote>",
    }),
    ("committee", "“党建+品牌示范”：让基层党建成为分公司发展的“红色引擎”", K.ARTICLE, ["时政要闻"], V.PORTAL, True, True, 20, {
        "summary": "各党支部紧密结合岗位，加大横向合作共建，树“品牌”、创“特色”。",
        "body": "<p>2021年以来，广东分公司党委以党史学习教育活动为抓手，引导各党支部以“党建+品牌示范”的形式，"
                "紧密结合岗位，加大横向合作共建，树“品牌”、创“特色”，坚持服务生产经营不偏离。</p>"
                "<p>通过“品牌”“特色”密切联系服务员工、提质增效、安全生产等工作，推动党建“三基本”与“三基”工作有机融合。</p>",
    }),
    ("organ", "理论前沿：以高质量党建引领企业高质量发展", K.ARTICLE, ["理论前沿"], V.PARTNERS, False, True, 14, {
        "summary": "机关党支部“两走”工作法宣讲材料，供结对党小组与共建单位共同学习。",
        "body": "<p>坚持党的领导、加强党的建设，是国有企业的“根”和“魂”。本期材料梳理了党建与生产经营深度融合的理论要点，"
                "供各党小组到基层一线宣讲时使用。</p><ol><li>把方向：党委发挥领导作用；</li><li>管大局：统筹党建与中心工作；</li>"
                "<li>保落实：党支部发挥战斗堡垒作用。</li></ol>",
    }),
    ("guangzhou", "南沙红色足迹：联合油库甲方人员接受红色洗礼", K.ARTICLE, ["党史学习教育"], V.PARTNERS, True, True, 10, {
        "summary": "广州配送中心党支部依托南沙区红色资源开展主题党日。",
        "body": "<p>广州配送中心党支部丰富党内组织生活方式，依托南沙区丰富的红色资源，联合油库甲方人员一同接受红色洗礼，"
                "回忆红色峥嵘岁月。</p><p>活动结束后，支部组织党员交流学习体会，把红色精神转化为安全配送的工作动力。</p>",
    }),
    ("committee", "视频党课：专家解读党的创新理论前沿", K.VIDEO, ["理论前沿"], V.PORTAL, False, True, 7, {
        "summary": "邀请专家录制的视频党课，约45分钟，可在手机上观看。",
        "external_url": "https://www.xuexi.cn/",
    }),
    ("committee", "“学习强国”共建学习群：与兄弟单位共学最新理论", K.LINK, ["理论前沿", "时政要闻"], V.PARTNERS, False, True, 5, {
        "summary": "依托“学习强国”“铁人先锋”等平台，与共建单位党组织建立内部学习群，共同学习最新理论知识和时政资讯。",
        "body": "<p>加入方法：在“学习强国”或“铁人先锋”APP 中搜索“广东分公司互联共建学习群”，由本支部书记审核通过。</p>",
        "external_url": "https://www.xuexi.cn/",
    }),
    ("zhanjiang", "一手抓学习 一手抓创效：湛江配送中心政治学习记录", K.ARTICLE, ["党史学习教育"], V.SUBTREE, False, True, 3, {
        "summary": "点多、面广、管理人员少，支部如何坚持政治学习。",
        "body": "<p>湛江配送中心党支部克服点多、面广、管理人员少的难题，充分发挥支部党员的先锋模范作用，"
                "一手抓支部政治学习，一手抓生产创效，1—9月从钦州炼厂提油同比增加51%。</p>",
    }),
    ("committee", "安全生产月检查清单", K.FILE, ["安全生产"], V.SUBTREE, False, True, 2, {
        "summary": "各配送中心安全生产月自查用表（Excel）。",
    }),
    ("guangzhou", "七一专题党课讲稿（草稿）", K.ARTICLE, ["党史学习教育"], V.SUBTREE, False, False, 0, {
        "body": "<p>同志们：今天我们围绕“学党史、悟思想、办实事、开新局”讲一次专题党课。</p>",
    }),
]

# username -> titles studied
STUDIED = {
    "member": [0, 1, 4],
    "gz_member2": [0, 3],
    "organ_member": [0, 2],
    "zj_member": [0, 6],
}


def _safety_checklist():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "安全生产检查"
    sheet.append(["序号", "检查项目", "责任人", "结果"])
    for n, item in enumerate(["车辆例行检查", "驾驶员安全培训", "消防器材检查", "应急预案演练"], start=1):
        sheet.append([n, item, "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def seed(orgs, people):
    topics = {topic.name: topic for topic in Topic.objects.all()}
    now = timezone.now()
    materials = []
    for owner_key, title, kind, topic_names, visibility, news, published, days_ago, fields in MATERIALS:
        material = Material.objects.filter(title=title, owner=orgs[owner_key]).first() or Material(
            title=title, owner=orgs[owner_key], published_at=now - timedelta(days=days_ago),
            created_by=people.get("secretary") if owner_key == "guangzhou" else people.get("committee_admin"),
        )
        material.kind, material.visibility = kind, visibility
        material.is_public_news, material.is_published = news, published
        for field, value in fields.items():
            setattr(material, field, value)
        if kind == K.FILE and not material.attachment:
            material.attachment.save("checklist.xlsx", ContentFile(_safety_checklist()), save=False)
            material.attachment_name = f"{title}.xlsx"
            material.attachment_type = "xlsx"
            material.attachment_size = material.attachment.size
        material.save()
        material.topics.set([topics[name] for name in topic_names if name in topics])
        materials.append(material)
    for username, indexes in STUDIED.items():
        user = people.get(username)
        for index in indexes if user else []:
            studied_at = materials[index].published_at + timedelta(days=1)
            StudyRecord.objects.get_or_create(
                user=user, material=materials[index],
                defaults={"first_studied_at": studied_at, "last_studied_at": studied_at},
            )
    return materials
