"""Demo organisations and people from the source article, for `manage.py seed_demo`.

Every row is found by a natural key and updated in place, so seeding twice changes nothing.
"""

from django.contrib.auth import get_user_model

from branches.models import Membership, Organization, Role

DEMO_PASSWORD = "dangjian2026"
UNIT = "中国石油运输有限公司广东分公司"

# key, name, kind, parent key, extra fields
ORGANIZATIONS = [
    ("committee", "广东分公司党委", "committee", None, {
        "short_name": "分公司党委", "unit_name": UNIT, "brand_name": "红色引擎",
        "brand_description": "以“党建+品牌示范”为抓手，推动党建“三基本”与“三基”工作有机融合，"
                             "使基层党建品牌建设成为助力分公司发展的“红色引擎”。",
    }),
    ("organ", "机关党支部", "branch", "committee", {
        "short_name": "机关", "unit_name": UNIT, "theme_day": 10, "brand_name": "两走工作法",
        "brand_description": "各党小组与基层结对子，定期到基层一线开展宣讲与培训，使党建工作与中心工作深入融合。",
        "features": "总调度室与广州配送中心党支部积极互联，促进岗位交流、人员交流；"
                    "党群工作科加强与东莞、梅州、惠州配送中心党支部的互联沟通，宣传一线优秀驾驶员的典型事迹。",
    }),
    ("organ_g1", "机关第一党小组", "group", "organ", {"short_name": "机关一组", "unit_name": UNIT}),
    ("organ_g2", "机关第二党小组", "group", "organ", {"short_name": "机关二组", "unit_name": UNIT}),
    ("guangzhou", "广州配送中心党支部", "branch", "committee", {
        "short_name": "广州配送中心", "unit_name": UNIT, "theme_day": 15, "brand_name": "南沙红色足迹",
        "brand_description": "丰富党内组织生活方式，依托南沙区红色资源，联合油库甲方人员一同接受红色洗礼。",
    }),
    ("guangzhou_g1", "广州配送中心第一党小组", "group", "guangzhou", {"short_name": "广州一组", "unit_name": UNIT}),
    ("dongguan", "东莞配送中心党支部", "branch", "committee", {"short_name": "东莞配送中心", "unit_name": UNIT, "theme_day": 12}),
    ("meizhou", "梅州配送中心党支部", "branch", "committee", {"short_name": "梅州配送中心", "unit_name": UNIT, "theme_day": 12}),
    ("huizhou", "惠州配送中心党支部", "branch", "committee", {"short_name": "惠州配送中心", "unit_name": UNIT, "theme_day": 20}),
    ("zhanjiang", "湛江配送中心党支部", "branch", "committee", {
        "short_name": "湛江配送中心", "unit_name": UNIT, "theme_day": 18, "brand_name": "一手抓学习 一手抓创效",
        "brand_description": "克服点多、面广、管理人员少的难题，一手抓支部政治学习，一手抓生产创效。",
    }),
    ("ext_storage", "广东销售公司储运分公司党委", "committee", None, {
        "short_name": "储运分公司党委", "unit_name": "广东销售公司储运分公司", "is_external": True,
    }),
    ("ext_northeast", "东北销售公司广州分公司党委", "committee", None, {
        "short_name": "东北销售广州分公司党委", "unit_name": "东北销售公司广州分公司", "is_external": True,
    }),
]

# username, name, [(org key, role)], superuser
PEOPLE = [
    ("admin", "系统管理员", [], True),
    ("committee_admin", "李建华", [("committee", Role.ADMIN)], False),
    ("committee_member", "陈志远", [("committee", Role.COMMITTEE_MEMBER)], False),
    ("secretary", "王红梅", [("guangzhou", Role.SECRETARY)], False),
    ("deputy", "赵立新", [("guangzhou", Role.DEPUTY_SECRETARY)], False),
    ("member", "刘晓东", [("guangzhou", Role.MEMBER), ("guangzhou_g1", Role.MEMBER)], False),
    ("gz_member2", "黄丽娟", [("guangzhou", Role.MEMBER), ("guangzhou_g1", Role.MEMBER)], False),
    ("gz_member3", "周国强", [("guangzhou", Role.MEMBER)], False),
    ("organ_secretary", "张卫国", [("organ", Role.SECRETARY)], False),
    ("organ_member", "孙雅琴", [("organ", Role.MEMBER), ("organ_g1", Role.MEMBER)], False),
    ("organ_member2", "吴海涛", [("organ", Role.MEMBER), ("organ_g2", Role.MEMBER)], False),
    ("dg_secretary", "郑明", [("dongguan", Role.SECRETARY)], False),
    ("mz_secretary", "钟文彬", [("meizhou", Role.SECRETARY)], False),
    ("hz_secretary", "林静", [("huizhou", Role.SECRETARY)], False),
    ("zj_secretary", "何振华", [("zhanjiang", Role.SECRETARY)], False),
    ("zj_member", "梁永强", [("zhanjiang", Role.MEMBER)], False),
]


def seed():
    """Create or update the demo tree and people; return them by key for other apps' demos."""
    orgs = {}
    for key, name, kind, parent_key, extra in ORGANIZATIONS:
        org, _ = Organization.objects.get_or_create(name=name, defaults={"kind": kind})
        org.kind = kind
        org.parent = orgs.get(parent_key)
        for field, value in extra.items():
            setattr(org, field, value)
        org.save()
        orgs[key] = org

    User = get_user_model()
    people = {}
    for username, name, roles, superuser in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"name": name, "email": f"{username}@example.com",
                      "is_staff": superuser, "is_superuser": superuser},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        for org_key, role in roles:
            Membership.objects.update_or_create(user=user, organization=orgs[org_key], defaults={"role": role})
        people[username] = user
    return orgs, people
