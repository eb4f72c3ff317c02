"""The dashboard in its reader's language: the signed-in moderator's own (`me language`), else the browser's
(Accept-Language, the web's platform locale), else the community's, else English — chat's rule."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient

from bot.app import Hearth
from tests.adapters.web.test_security import signed_in, words
from tests.conftest import actor, run


def lang_of(page: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', page)
    assert found, page[:200]
    return found.group(1)


async def test_a_moderator_who_chose_spanish_sees_the_dashboard_in_spanish(web: TestClient, app: Hearth) -> None:
    mod = actor("marta", moderator=True)
    await run(app, mod, "me language", language="es")
    await signed_in(web, app, mod)
    page = await (await web.get("/insights", headers={"Accept-Language": "fr-FR,fr;q=0.9"})).text()
    assert lang_of(page) == "es"  # (her own choice wins over the browser's)
    assert "<h1>Tendencias</h1>" in page
    shown = words(page)
    assert "Panel de Hearth" in shown and "Configuración" in shown and "Salir" in shown
    assert "Los números" in shown and "Descargar estos números (CSV)" in shown
    assert "Hearth dashboard" not in shown and "Sign out" not in shown and "The numbers" not in shown
    settings = await (await web.get("/settings")).text()
    assert lang_of(settings) == "es" and "<h1>Configuración</h1>" in settings
    assert "Cambiar una opción" in words(settings)


async def test_without_a_choice_the_browser_language_counts(web: TestClient, app: Hearth) -> None:
    mod = actor("dirk", moderator=True)
    await signed_in(web, app, mod)
    page = await (await web.get("/moderators", headers={"Accept-Language": "en;q=0.5, de-DE, fr;q=0.8"})).text()
    assert lang_of(page) == "de"
    assert "<h1>Moderationsteam</h1>" in page and "Abmelden" in words(page)
    english = await (await web.get("/moderators", headers={"Accept-Language": "ja, nl;q=0.9"})).text()
    assert lang_of(english) == "en" and "<h1>Moderators</h1>" in english and "Sign out" in words(english)


async def test_the_community_language_comes_before_english(web: TestClient, app: Hearth) -> None:
    mod = actor("paula", moderator=True)
    await run(app, mod, "mod settings", key="language", value="pt")
    await signed_in(web, app, mod)
    page = await (await web.get("/audit")).text()
    assert lang_of(page) == "pt" and "<h1>Histórico de auditoria</h1>" in page


async def test_the_sign_in_page_speaks_the_browser_language(web: TestClient, app: Hearth) -> None:
    page = await (await web.get("/sign-in?t=abc", headers={"Accept-Language": "fr-CA"})).text()
    assert lang_of(page) == "fr" and "Se connecter" in words(page)
    refused = await web.post("/sign-in", data={"t": "abc"}, headers={"Accept-Language": "fr-CA"})
    assert refused.status == 403
    assert "Ce lien ne connecte personne." in words(await refused.text())
    plain = await (await web.get("/sign-in?t=abc")).text()
    assert lang_of(plain) == "en" and "Sign in to the Hearth dashboard" in words(plain)


async def test_the_insights_table_writes_dates_numbers_and_words_in_spanish(web: TestClient, app: Hearth,
                                                                              clock) -> None:
    from bot.i18n import gettext_in
    from bot.flows.insights import TOO_FEW
    from tests.bot.flows.test_insights import MIA, two_weeks

    await two_weeks(app, clock)
    await run(app, MIA, "me language", language="es")
    await signed_in(web, app, MIA)
    page = await (await web.get("/insights?weeks=4")).text()
    rows = [words(r) for r in re.findall(r"<tr>(.*?)</tr>", page, re.S)]
    assert rows[0].startswith("Semana desde") and "Ánimo medio" in rows[0]
    assert any(r.startswith("5 ene") and r.endswith("3,0") for r in rows), rows  # Babel's day and decimal comma
    assert any(r.startswith("12 ene") and gettext_in("es", TOO_FEW) in r for r in rows), rows
    assert any("sin check-in" in r for r in rows), rows
    assert "4 semanas" in words(page) and "Los números" in words(page)


async def test_the_sign_in_page_of_a_link_speaks_its_moderators_language(web: TestClient, app: Hearth) -> None:
    """The link names its person, so the page can speak their language, not the browser's."""
    from tests.adapters.web.conftest import link_token
    from tests.conftest import actor, run

    nina = actor("nina", moderator=True)
    await run(app, nina, "me language", language="pt")
    token = await link_token(app, nina)
    page = await (await web.get(f"/sign-in?t={token}", headers={"Accept-Language": "en-US"})).text()
    from bot.i18n import gettext_in
    heading = gettext_in("pt", "Sign in to the Hearth dashboard")
    assert lang_of(page) == "pt" and heading != "Sign in to the Hearth dashboard" and heading in words(page)
    assert "Nina" in words(page)
    made_up = await (await web.get("/sign-in?t=" + "0" * 43, headers={"Accept-Language": "en-US"})).text()
    assert lang_of(made_up) == "en"  # (a link that names nobody: the browser's language)


async def test_the_browser_language_shows_the_page_and_is_never_kept_as_the_platforms(web: TestClient,
                                                                                      app: Hearth) -> None:
    """A change made on the dashboard speaks the browser's language on the page, but the moderator's platform
    locale stays what their platform last said: their DMs keep coming in it."""
    from dataclasses import replace

    from tests.adapters.web.test_security import edit_form, make_schedule

    greta = replace(actor("greta", moderator=True), locale="de-DE")  # her chat client is in German
    await make_schedule(app, who=greta)
    csrf = await signed_in(web, app, greta)
    page = await (await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 10:30"),
                                 headers={"Accept-Language": "fr-FR"})).text()
    assert lang_of(page) == "fr" and "Nothing changed" not in words(page)  # (a preview, in French)
    member = await app.store.communities.get_member(greta.community_id, greta.user_id)
    assert member.platform_locale == "de-DE" and app.member_language(member, None) == "de"
    # Her platform now says Spanish; the session still holds what it said when she asked for the link (German):
    # a change on the page writes neither over it.
    await run(app, replace(greta, locale="es-ES"), "mod schedule pause", name="mornings")  # (a change: kept)
    page = await (await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 11:30"),
                                 headers={"Accept-Language": "pt-BR"})).text()
    assert lang_of(page) == "pt" and "Confira" in words(page)
    await web.post("/act", data=edit_form(csrf, "mornings", "weekdays 11:45"))  # (no Accept-Language at all)
    member = await app.store.communities.get_member(greta.community_id, greta.user_id)
    assert member.platform_locale == "es-ES" and app.member_language(member, None) == "es"
