from django.apps import apps
from django.core.management import call_command

from branches.models import Membership, Organization


def snapshot():
    """Every row of the project's own apps, by model."""
    own = {"accounts", "branches", "notifications", "pairings", "activities", "materials", "reminders"}
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in own:
            rows[model._meta.label] = sorted(
                tuple(str(v) for k, v in sorted(r.items()) if not k.endswith(("_at", "password", "token")))
                for r in model.objects.values()
            )
    return rows


def test_seed_demo_twice_leaves_the_same_rows(db):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first


def test_seed_demo_holds_the_organisations_of_the_article(db):
    call_command("seed_demo")
    names = set(Organization.objects.values_list("name", flat=True))
    for name in ["广东分公司党委", "机关党支部", "广州配送中心党支部", "东莞配送中心党支部", "梅州配送中心党支部",
                 "惠州配送中心党支部", "湛江配送中心党支部", "广东销售公司储运分公司党委", "东北销售公司广州分公司党委"]:
        assert name in names
    assert Organization.objects.get(name="广东销售公司储运分公司党委").is_external
    assert Membership.objects.filter(user__username="secretary", organization__name="广州配送中心党支部").exists()
