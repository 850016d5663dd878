import datetime

import pytest


@pytest.fixture
def draft_data(tree):
    """`draft_data(**changes)`: what the form posts for a branch-to-branch agreement."""

    def make(**changes):
        today = datetime.date.today()
        data = {
            "title": "党建联建结对协议",
            "kind": "internal",
            "initiator": tree.branch.pk,
            "partners": [tree.other_branch.pk],
            "goals": "<p>联学共建，岗位交流。</p>",
            "start_date": today.isoformat(),
            "end_date": (today + datetime.timedelta(days=365)).isoformat(),
        }
        data.update(changes)
        return data

    return make
