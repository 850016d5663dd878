from branches.permissions import rule


@rule("topic.view")
@rule("topic.reply")
def in_community(access, topic):
    return access.belongs_to(topic.community) or access.oversees(topic.community)


@rule("topic.resolve")
def resolve_topic(access, topic):
    """The author, or whoever manages the organisation that raised it."""
    return topic.author_id == access.user.pk or access.manages(topic.organization)


@rule("organization.dashboard")
@rule("organization.ledger")
def oversees(access, org):
    return access.oversees(org)
