"""Routers: a feature declares its commands, buttons and jobs on its own; `Registry.of` composes them."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import timedelta

import pytest

import bot.engines
import bot.flows
from bot import features
from bot.commands import builtins
from bot.commands.registry import Option, Registry
from bot.commands.router import Router
from bot.events import Event, say
from tests.conftest import actor, press, run, text


async def _noop(app, ev):  # a handler to declare test commands with
    return say("done")


async def _exists(app, ev):
    return None


async def _job(app):
    return None


def test_a_router_keeps_every_declaration_with_all_its_arguments():
    router = Router("notes")
    which = Option("id", "which note", kind="int", required=True)
    router.command("notes delete", "Delete one.", which, permission="moderator", confirm="Gone for good.",
                   example="notes delete 3", check=_exists)(_noop)
    router.command("notes list", "Read them.", reads_only=True)(_noop)
    router.action("notes.edit", permission="moderator", about=("notes delete",))(_noop)
    router.job("tidy", every=timedelta(hours=6), first=timedelta(0))(_job)
    router.round_steps(open=_noop, due=_job)

    delete = router.commands["notes delete"]
    assert (delete.path, delete.help, delete.handler, delete.options) == (("notes", "delete"), "Delete one.", _noop,
                                                                          (which,))
    assert (delete.permission, delete.confirm, delete.example, delete.check) == ("moderator", "Gone for good.",
                                                                                 "notes delete 3", _exists)
    assert router.commands["notes list"].reads_only and not delete.reads_only
    edit = router.actions["notes.edit"]
    assert (edit.handler, edit.permission, edit.about) == (_noop, "moderator", ("notes delete",))
    tidy = router.jobs["tidy"]
    assert (tidy.callback, tidy.every, tidy.first) == (_job, timedelta(hours=6), timedelta(0))
    assert router.steps is not None and (router.steps.open, router.steps.due) == (_noop, _job)


def test_a_router_refuses_what_it_cannot_keep():
    router = Router("x")
    router.command("thing", "x")(_noop)
    router.action("thing.do")(_noop)
    router.job("tidy", every=timedelta(hours=1))(_job)
    router.round_steps(open=_noop, due=_job)
    with pytest.raises(ValueError, match="command 'thing' declared twice"):
        router.command("thing", "again")(_noop)
    with pytest.raises(ValueError, match="action 'thing.do' declared twice"):
        router.action("thing.do")(_noop)
    with pytest.raises(ValueError, match="job 'tidy' declared twice"):
        router.job("tidy", every=timedelta(hours=2))(_job)
    with pytest.raises(ValueError, match="round steps twice"):
        router.round_steps(open=_noop, due=_job)
    with pytest.raises(ValueError, match="about"):
        router.action("thing.mod", permission="moderator")
    with pytest.raises(ValueError, match="positive interval"):
        router.job("never", every=timedelta(0))(_job)
    with pytest.raises(ValueError, match="the scheduler's own"):
        router.job("sweep", every=timedelta(hours=1))(_job)


def test_routers_compose_in_the_order_listed():
    first, second = Router("first"), Router("second")
    first.command("b", "x")(_noop)
    second.command("a", "x")(_noop)
    first.action("b.do")(_noop)
    second.job("tidy", every=timedelta(hours=1))(_job)
    second.round_steps(open=_noop, due=_job)
    registry = Registry.of([first, second])
    assert list(registry.commands) == ["b", "a"]
    assert list(registry.actions) == ["b.do"] and list(registry.jobs) == ["tidy"]
    assert registry.round_steps is second.steps
    assert list(Registry.of([second, first]).commands) == ["a", "b"]


@pytest.mark.parametrize("kind", ["command", "action", "job", "round steps"])
def test_a_name_two_routers_declare_is_refused_naming_both(kind):
    routers = [Router("checkins"), Router("digest")]
    for router in routers:
        if kind == "command":
            router.command("checkin list", "x")(_noop)
        elif kind == "action":
            router.action("checkin.mood")(_noop)
        elif kind == "job":
            router.job("purge", every=timedelta(days=1))(_job)
        else:
            router.round_steps(open=_noop, due=_job)
    with pytest.raises(ValueError, match="declared twice") as err:
        Registry.of(routers)
    assert "'checkins'" in str(err.value) and "'digest'" in str(err.value)


def test_a_refused_router_adds_nothing():
    taken, clashing = Router("taken"), Router("clashing")
    taken.command("b", "x")(_noop)
    clashing.command("a", "x")(_noop)
    clashing.command("b", "x")(_noop)
    registry = Registry.of([taken])
    with pytest.raises(ValueError):
        registry.include(clashing)
    assert list(registry.commands) == ["b"]


def test_a_command_that_asks_first_needs_the_built_in_buttons():
    router = Router("danger")
    router.command("wipe", "x", confirm="Everything goes.")(_noop)
    with pytest.raises(ValueError, match="confirm and cancel"):
        Registry.of([router])
    assert "confirm" in Registry.of([builtins.router, router]).actions


def test_every_router_in_the_code_is_in_the_list():
    """A flow or engine with a router that `bot.features` doesn't list would silently do nothing."""
    listed = {id(r) for r in features.ROUTERS}
    for package in (bot.flows, bot.engines):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            router = getattr(module, "router", None)
            if router is not None:
                assert id(router) in listed, f"{module.__name__}.router is not in bot.features.ROUTERS"
    assert builtins.router in features.ROUTERS


def test_each_composition_is_its_own():
    one, two = features.registry(), features.registry()
    extra = Router("extra")
    extra.command("extra", "x")(_noop)
    one.include(extra)
    assert "extra" in one.commands and "extra" not in two.commands and "extra" not in features.registry().commands


async def test_hearth_runs_what_its_registry_composes_and_nothing_else(app):
    router = Router("greeting")

    @router.command("hello", "Say hello.", confirm="A big hello?")
    async def hello(app_, ev: Event):
        return say("Hello, {}!", ev.actor.display_name)

    app.registry = Registry.of([builtins.router, router])
    ann = actor("ann")
    asked = await run(app, ann, "hello")
    assert "A big hello?" in text(asked)
    yes = next(b for b in asked[0].buttons if b.action == "confirm")
    assert text(await press(app, ann, "confirm", yes.args)) == "Hello, Ann!"
    assert "nothing changed" in text(await press(app, ann, "cancel", {}))
    assert "don't know the command" in text(await run(app, ann, "help"))  # not composed here
