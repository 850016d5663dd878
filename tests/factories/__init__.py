"""factory-boy factories, one module per app; the foundation's live here."""

import factory
from django.contrib.auth import get_user_model

from branches.models import Membership, Organization, Role

PASSWORD = "correct horse battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"党员{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"第{n}党支部")
    kind = Organization.Kind.BRANCH


class CommitteeFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"第{n}党委")
    kind = Organization.Kind.COMMITTEE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.MEMBER


def member_of(org, role=Role.MEMBER, **user_fields):
    """A new user with one membership: `member_of(branch, Role.SECRETARY)`."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organization=org, role=role)
    return user
