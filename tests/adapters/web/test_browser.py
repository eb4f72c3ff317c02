"""The dashboard in a real headless Chromium (Debian's `chromium`, driven by Playwright): sign in by link, edit a
check-in, import a pack, read insights, sign out; axe-core checks every page for serious or critical problems.

Set HEARTH_DASHBOARD_SCREENSHOTS to a folder (docs/dashboard) to save a screenshot of each page there.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from adapters.web.server import Dashboard
from bot.app import Hearth
from tests.adapters.web.conftest import configured, link_token
from tests.bot.flows.test_insights import MIA, two_weeks

playwright_api = pytest.importorskip("playwright.async_api", reason="the test extra's playwright is not installed")
axe_module = pytest.importorskip("axe_playwright_python.async_playwright",
                                 reason="the test extra's axe-playwright-python is not installed")

CHROMIUM = os.environ.get("HEARTH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
#: CI (.ci/run) installs Chromium and sets this, so a browser that failed to install fails the run instead of
#: skipping the dashboard's end-to-end tests unseen.
REQUIRED = os.environ.get("HEARTH_REQUIRE_BROWSER", "") not in ("", "0")
if REQUIRED and not Path(CHROMIUM).exists():
    raise RuntimeError(f"HEARTH_REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")
pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="Debian's chromium is not installed here (apt-get install chromium; .ci/run does)"),
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),  # the store is tested on both elsewhere
    pytest.mark.timeout(300),
]
#: What makes Chromium run headless on a closed network (docs: /work/.library/env/machines/python-svc.md).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]
PACK = b'''[pack]
id = "team-pack"
name = "Team prompts"
version = "1.2.0"
language = "en"

[[prompts]]
id = "team-01"
kind = "checkin"
theme = "appreciation"
depth = "light"
text = "Who made your week a little easier?"
'''


@pytest.fixture
async def browser():
    async with playwright_api.async_playwright() as p:
        # (Playwright gives each launch a fresh profile of its own: the fresh --user-data-dir.)
        launched = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        await launched.close()


@pytest.fixture
async def served(app: Hearth):
    dashboard = Dashboard(app)
    port = await dashboard.start("127.0.0.1", 0)
    configured(app, f"http://127.0.0.1:{port}")
    yield f"http://127.0.0.1:{port}"
    await dashboard.stop()


async def accessible(page, name: str, shots: list[str]) -> None:
    """axe-core finds no serious or critical problem on this page; a screenshot if asked for."""
    results = await axe_module.Axe().run(page)
    bad = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: {bad}"
    folder = os.environ.get("HEARTH_DASHBOARD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    shots.append(name)


async def test_a_moderator_signs_in_edits_imports_reads_and_signs_out(app: Hearth, clock, served: str, browser,
                                                                       tmp_path: Path) -> None:
    await two_weeks(app, clock)  # a check-in, "mornings", with two weeks of real answers
    clock.set(datetime(2026, 1, 20, 10, 0, tzinfo=timezone.utc))
    link = f"{served}/sign-in?t={await link_token(app, MIA)}"
    context = await browser.new_context()
    page = await context.new_page()
    shots: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # Sign in by the link, with the keyboard only.
    await page.goto(link)
    await accessible(page, "sign-in", shots)
    await page.keyboard.press("Tab")  # the skip link comes first
    assert await page.evaluate("document.activeElement.textContent") == "Skip to main content"
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Sign in"
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{served}/insights")

    # Insights: the chart and its numbers as a table.
    assert await page.get_by_role("heading", level=1).inner_text() == "Insights"
    row = page.get_by_role("row", name=re.compile("^5 Jan"))
    assert [c.strip() for c in (await row.inner_text()).split("\t")][:9] == \
        ["5 Jan", "8", "4", "0", "1", "1", "1", "0"][:8] + ["3.0"]  # 8 invited, 4 stayed out: invited shows
    assert "invitations" in await page.locator("main").inner_text()
    alt = await page.get_by_role("img").get_attribute("alt")
    assert alt and "table below" in alt
    await accessible(page, "insights", shots)
    async with page.expect_download() as download:  # the same numbers as a CSV, as `mod insights export` sends
        await page.get_by_role("button", name="Download these numbers (CSV)").click()
    csv_text = Path(await (await download.value).path()).read_text(encoding="utf-8")
    assert csv_text.startswith("week_start,status,invited,answered") and "2026-01-05,shown,8,4" in csv_text

    # Edit a check-in: the same preview as chat, then Save.
    await page.get_by_role("link", name="Check-ins").click()
    await accessible(page, "schedules", shots)
    for _ in range(40):  # the keyboard alone reaches the row's Edit button, and Enter presses it
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.textContent") == "Edit":
            break
    else:
        raise AssertionError("Tab never reached the Edit button")
    outline = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    async with page.expect_navigation():
        await page.keyboard.press("Enter")
    assert await page.get_by_role("heading", level=1).inner_text() == "Edit check-in"
    await accessible(page, "schedule-edit", shots)
    when = page.get_by_label("When does it run?")
    assert await when.input_value() == "daily 09:00"
    await when.fill("weekdays 10:30")
    await page.get_by_role("button", name="Preview").click()
    assert "please check before saving" in await page.locator("main").inner_text()
    await accessible(page, "schedule-preview", shots)
    await page.get_by_role("button", name="Save").click()
    assert "Saved changes to mornings" in await page.locator("main").inner_text()
    assert (await app.store.schedules.find(MIA.community_id, "mornings")).spec == "weekdays 10:30"

    # A refusal names its field and keeps what was typed.
    await page.goto(f"{served}/schedules")
    await page.get_by_role("button", name="Edit").first.click()
    await page.get_by_label("When does it run?").fill("whenever")
    async with page.expect_navigation() as refused:
        await page.get_by_role("button", name="Preview").click()
    assert (await refused.value).status == 400  # what was asked can't be done: its truthful status, which
    # Chromium notes in the console as it does for every 4xx page (that note expected, and no other error)
    errors.remove("Failed to load resource: the server responded with a status of 400 (Bad Request)")
    assert await page.get_by_label("When does it run?").get_attribute("aria-invalid") == "true"
    assert await page.get_by_label("When does it run?").input_value() == "whenever"
    await accessible(page, "schedule-refused", shots)

    # Import a pack: the same preview of changes, then Import.
    await page.get_by_role("link", name="Prompts and packs").click()
    await accessible(page, "prompts-empty", shots)
    await page.get_by_role("button", name="Import a pack").click()
    pack = tmp_path / "team.toml"
    pack.write_bytes(PACK)
    await page.get_by_label("The pack file").set_input_files(str(pack))
    await page.get_by_role("button", name="Preview").click()
    said = await page.locator("main").inner_text()
    assert "Import Team prompts" in said and "1 new" in said
    await accessible(page, "pack-preview", shots)
    await page.get_by_role("button", name="Import", exact=True).click()
    assert any(p["id"] == "team-01" for p in await app.store.prompts.list_all(MIA.community_id))
    await page.get_by_role("link", name="Prompts and packs", exact=True).click()
    assert "Who made your week a little easier?" in await page.locator("main").inner_text()
    await accessible(page, "prompts", shots)
    async with page.expect_download() as download:  # Export: the pack file, as chat attaches it
        await page.get_by_role("button", name="Export our prompts").click()
    exported = Path(await (await download.value).path()).read_text(encoding="utf-8")
    assert "team-01" in exported and "Who made your week a little easier?" in exported

    # Every other page reads.
    for name, heading in (("settings", "Settings"), ("moderators", "Moderators"), ("audit", "Audit log"),
                          ("care", "Care notes")):
        await page.get_by_role("link", name=heading, exact=True).click()
        assert await page.get_by_role("heading", level=1).inner_text() == heading
        await accessible(page, name, shots)
    await page.goto(f"{served}/audit")
    audit = await page.locator("main").inner_text()
    assert "changed the check-in mornings" in audit and "imported a pack" in audit

    assert not errors, errors  # nothing the strict Content-Security-Policy refused, no script or load errors

    # Sign out: the page says so, and the dashboard is closed to this browser.
    await page.get_by_role("button", name="Sign out").click()
    await page.wait_for_url(f"{served}/signed-out")
    await accessible(page, "signed-out", shots)
    response = await page.goto(f"{served}/schedules")
    assert response.status == 401 and "mornings" not in await page.locator("main").inner_text()
    assert len(shots) == 14
    await context.close()


async def test_sign_in_clicked_twice_then_sent_again_from_history_keeps_the_moderator_signed_in(
        app: Hearth, served: str, browser) -> None:
    """A real double click on Sign in, then Back and the form sent again, then a reload of what that gave: each
    time the moderator ends on their dashboard, and the session the first click opened is the one still in use."""
    link = f"{served}/sign-in?t={await link_token(app, MIA)}"
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(link)
    await page.get_by_role("button", name="Sign in").dblclick()
    await page.wait_for_url(re.compile(r"/(insights|sign-in)$"))  # (whichever answer the browser showed)
    await page.wait_for_load_state("networkidle")
    await page.goto(f"{served}/insights")
    assert await page.get_by_role("heading", level=1).inner_text() == "Insights"
    cookies = [c["value"] for c in await context.cookies() if c["name"] == "hearth_dashboard"]
    assert len(cookies) == 1 and cookies[0]
    await page.goto(link)  # (the page the back button shows: the link, its button)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{served}/insights")
    await page.reload()
    assert await page.get_by_role("heading", level=1).inner_text() == "Insights"
    assert [c["value"] for c in await context.cookies() if c["name"] == "hearth_dashboard"] == cookies
    assert await app.store.dashboard.open_sessions(MIA.community_id, MIA.user_id, app.now()) == 1
    await context.close()
