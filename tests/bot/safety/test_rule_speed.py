"""What makes the phrase rules load and check faster must never change an answer: the alias index, the words a
group's regex needs before it is read, and the collector paused while the screen loads."""

from __future__ import annotations

import gc
import random
import re

import pytest

from bot.content.packs import default_content_dir
from bot.safety.content import SafetyContentError, load_phrase_file
from bot.safety.normalise import Normaliser
from bot.safety.patterns import compile_phrase, required_words
from bot.safety.rules import AllRules, _Compiled
from bot.safety.screen import Screen


def plain(word: str, prefix: bool) -> list[str]:
    return [word]


@pytest.mark.parametrize(("phrase", "needed"), [
    ("(really)? want to die", ({"want"}, set())),  # (the longest of the words every match holds)
    ("suicid*", (set(), {"suicid"})),
    ("(kill|end) myself", ({"myself"}, set())),  # (one word rather than either of two)
    ("(kill|end) me", ({"me"}, set())),  # (fewest words first, however short: still a word every match holds)
    ("(kil* myself|end (it|my life))", ({"myself", "end"}, set())),
    ("dont want ... live $", ({"dont"}, set())),  # (of words alike, the first)
])
def test_required_words_are_words_every_match_holds(phrase: str, needed: tuple[set[str], set[str]]) -> None:
    assert required_words(phrase, plain) == (frozenset(needed[0]), frozenset(needed[1]))


@pytest.mark.parametrize("phrase", ["(really)?", "(so (very)?)? ...", "(a|b)? $"])
def test_a_phrase_that_needs_no_word_needs_nothing(phrase: str) -> None:
    assert required_words(phrase, plain) is None


def test_a_word_the_text_side_splits_needs_its_first_token() -> None:
    def aliased(word: str, prefix: bool) -> list[str]:
        return {"wanna": ["want", "to"]}.get(word, [word])

    assert required_words("wanna die", aliased) == (frozenset({"want"}), frozenset())
    assert compile_phrase("wanna die", aliased).startswith(" want to die")


@pytest.fixture(scope="module")
def rules() -> AllRules:
    return AllRules.load()


def test_a_group_skipped_for_its_words_matches_nowhere(rules: AllRules) -> None:
    """Wherever `may_match` says no, the group's regex finds nothing: on mixes of every language's phrase words,
    on the phrases' own words with their marks dropped (which match often), and on the canonical text with and without words run together split."""
    rng = random.Random(16)
    vocabulary = sorted({w for r in rules.by_language.values() for w in r.normaliser.vocabulary})
    texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 9))) for _ in range(1500)]
    files = [load_phrase_file(default_content_dir() / "safety" / f"{lang}.toml") for lang in rules.by_language]
    texts += [re.sub(r"\.\.\.|[()|?$^*]", " ", p) for pf in files for e in pf.crisis for p in e.patterns[:2]]
    texts += ["I want to die", "iwanttodie", "no quiero vivir más", "ich will nicht mehr leben", "je veux mourir",
              "quero me matar", "kms lol", "unalive myself tonight"]
    skipped = matched = 0
    for text in texts:
        for r in rules.by_language.values():
            for canon in {r.canonical(text), r.normaliser.canonical(text)}:
                tokens = frozenset(canon.split())
                for entry in (*r.crisis, *r.figures):  # (figures are skipped by their words too: `_judge`)
                    if entry.regex.search(canon):
                        matched += 1
                        assert entry.may_match(canon, tokens), (entry.id, canon)
                    elif not entry.may_match(canon, tokens):
                        skipped += 1
    assert matched > 200 and skipped > 10000  # (the check read both kinds of case)


def test_a_regex_is_compiled_at_first_need_and_the_rest_after_the_load(monkeypatch) -> None:
    """`Screen.load` leaves the groups' regexes to their first use and a thread of their own: a message compiles
    only the groups whose words it holds, and `compiled` waits for the rest (every regex compiles)."""
    compiled: list[str] = []
    real = _Compiled._compiled

    def counted(self, name, source):
        if name not in self.__dict__:
            compiled.append(self.id)
        return real(self, name, source)

    rules = AllRules.load()
    entries = [e for r in rules.by_language.values() for e in (*r.crisis, *r.figures, *r.hyperbole, *r.topic)]
    assert not any(k in e.__dict__ for e in entries for k in ("regex", "needs", "unless"))
    with monkeypatch.context() as patched:
        patched.setattr(_Compiled, "_compiled", counted)
        assert rules.check("I want to die").fired
    assert 0 < len(set(compiled)) < len(entries) / 4
    screen = Screen.load(with_model=False)
    assert screen.compiled(timeout=300)
    assert all("regex" in e.__dict__ for r in screen.rules.by_language.values() for e in r.crisis)


def test_every_crisis_group_has_words_to_look_for(rules: AllRules) -> None:
    """A group none of whose phrases needs a word would be read on every message; none is so today."""
    assert all(e.required is not None for e in rules.crisis)


def test_longer_aliases_first_among_those_that_start_alike() -> None:
    norm = Normaliser.build({}, {"do not": "dont", "do not ever": "never", "to do": "todo"}, [], [])
    assert norm.tokens("I do not ever do not to do") == ["i", "never", "dont", "todo"]
    norm.phrases = [(["do", "not"], ["dont"])]  # (a new list: the index follows it)
    assert norm.tokens("I do not ever to do") == ["i", "dont", "ever", "to", "do"]


@pytest.mark.parametrize("enabled", [True, False])
def test_load_pauses_the_collector_and_leaves_it_as_it_found_it(monkeypatch, enabled: bool) -> None:
    seen = []
    real = AllRules.load

    def load(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(AllRules, "load", load)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        Screen.load(with_model=False)
        assert seen == [False] and gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_load_restores_the_collector_when_it_fails(monkeypatch, tmp_path) -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with pytest.raises(SafetyContentError):
            Screen.load(tmp_path)  # (no phrase files there)
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
