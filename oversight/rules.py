from branches.permissions import rule


def _in_community(access, topic):
    return access.belongs_to(topic.community) or access.oversees(topic.community)


@rule("topic.view")
def view_topic(access, topic):
    return _in_community(access, topic)


@rule("topic.reply")
def reply_topic(access, topic):
    return _in_community(access, topic)


@rule("topic.resolve")
def resolve_topic(access, topic):
    """The author, or whoever manages the organisation that raised it."""
    return topic.author_id == access.user.pk or access.manages(topic.organization)


@rule("organization.dashboard")
def view_dashboard(access, org):
    return access.oversees(org)


@rule("organization.ledger")
def export_ledger(access, org):
    return access.oversees(org)
