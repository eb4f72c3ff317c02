"""What the dashboard says is true on the page it is said on (outside trial 6, F7/F9): GET /static/ was a 403
"Nothing changed. I couldn't read what your browser sent" (nothing was sent); a button pressed again and a form sent
twice were titled "Done" while nothing was done; an empty pack upload got chat's "give the file's path"; the
sign-in page read "This link signs in you to …" for the terminal's own user."""

from __future__ import annotations

from dataclasses import replace

import aiohttp
from aiohttp.test_utils import TestClient

from bot.app import Hearth
from bot.commands.registry import RUN
from tests.adapters.web.conftest import link_token
from tests.adapters.web.test_security import MOD, edit_form, first_button, make_schedule, signed_in, words


async def test_a_folder_of_the_static_files_is_no_page(web: TestClient, app: Hearth) -> None:
    for path in ("/static/", "/static//"):
        response = await web.get(path)
        body = words(await response.text())
        assert response.status == 404 and "no page at that address" in body, (path, response.status)
        assert "Nothing changed" not in body and "couldn't read" not in body


async def test_nothing_done_again_is_not_titled_done(web: TestClient, app: Hearth) -> None:
    await make_schedule(app)
    csrf = await signed_in(web, app)
    page = await (await web.get("/schedules")).text()
    asked = await (await web.post("/act", data=first_button(page, "Delete") | {"csrf": csrf})).text()
    yes = first_button(asked, "Yes, go ahead") | {"csrf": csrf}
    assert "<h1>Done</h1>" in await (await web.post("/act", data=yes)).text()
    again = await web.post("/act", data=yes | {"nonce": "another"})
    body = await again.text()
    assert again.status == 409 and "<h1>Done</h1>" not in body and "<h1>Already done</h1>" in body
    await make_schedule(app)
    form = edit_form(csrf, "mornings", "weekdays 10:30") | {"nonce": "00112233aabbccdd"}
    await web.post("/act", data=form)
    twice = await web.post("/act", data=form)
    assert twice.status == 409 and "<h1>Done</h1>" not in await twice.text()


async def test_an_empty_pack_upload_is_told_in_the_pages_words(web: TestClient, app: Hearth) -> None:
    csrf = await signed_in(web, app)
    for data in (b"", b"\n  \n"):
        form = aiohttp.FormData()
        for k, v in {"csrf": csrf, "kind": "form", "action": RUN, "page": "prompts",
                     "a:command": "mod pack import"}.items():
            form.add_field(k, v)
        form.add_field("v:file", data, filename="ours.toml", content_type="text/plain")
        body = words(await (await web.post("/act", data=form)).text())
        assert "That file was empty" in body and "path" not in body and "mod pack import ~" not in body, body


async def test_the_sign_in_page_reads_right_for_the_terminals_own_user(web: TestClient, app: Hearth) -> None:
    you = replace(MOD, display_name="you", community_name="Terminal community")
    page = words(await (await web.get(f"/sign-in?t={await link_token(app, you)}")).text())
    assert "This link is for you, in Terminal community." in page and "signs in you" not in page
