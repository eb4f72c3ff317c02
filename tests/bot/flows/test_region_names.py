"""A region typed by its name (trial21 R1): "support germany" answered "I don't have resources for “germany” yet"
beside the list that names Germany — untrue, and said to someone asking who they can reach. A region's name in any
of Hearth's languages reads as its code, for `support`, `me region` and `mod settings default_region`."""

from __future__ import annotations

import pytest

from tests.conftest import actor, run, text


@pytest.mark.parametrize("typed, line", [("germany", "Notruf 112"), ("Deutschland", "Notruf 112"),
                                         ("united kingdom", "116 123"), ("Royaume-Uni", "116 123"),
                                         ("united  states", "988")])
async def test_support_by_a_regions_name_gives_its_resources(app, typed, line):
    said = text(await run(app, actor("ann"), "support", region=typed))
    assert "I don't have resources" not in said
    assert line.split()[-1] in said


async def test_me_region_by_name_is_saved_as_its_code(app):
    said = text(await run(app, actor("ann"), "me region", region="Germany"))
    assert "Germany" in said and "I don't know the region" not in said
    member = await app.store.communities.get_member("console:test", "console:ann")
    assert member is not None and member.region == "de"


async def test_default_region_by_name(app):
    said = text(await run(app, actor("mia", moderator=True), "mod settings", key="default_region",
                          value="New Zealand"))
    assert "Saved" in said and "nz" in said


async def test_a_name_that_is_no_region_is_still_refused(app):
    said = text(await run(app, actor("ann"), "support", region="atlantis"))
    assert "I don't have resources for “atlantis” yet" in said
