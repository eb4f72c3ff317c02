"""Support resources are facts: check them exactly, and the fallbacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.events import Rich
from bot.safety import SafetyContentError
from bot.content import default_content_dir
from bot.safety.resources import load_resources, support_message


@pytest.fixture(scope="module")
def res():
    return load_resources()


def lines(res, code):
    return res.for_region(code).lines()


def test_regions_listed_with_anywhere_first(res):
    codes = [c for c, _ in res.regions()]
    assert codes[0] == "anywhere"
    assert set(codes) == {"anywhere", "us", "ca", "gb", "ie", "au", "eu"}
    assert dict(res.regions())["gb"] == "United Kingdom"


@pytest.mark.parametrize("code, expected", [
    ("anywhere", ["**Find A Helpline**", "findahelpline.com", "call your local emergency number"]),
    ("us", ["**988 Suicide & Crisis Lifeline**: call or text 988", "**Crisis Text Line**: text HOME to 741741",
            "call 911"]),
    ("ca", ["**988 Suicide Crisis Helpline**: call or text 988", "call 911"]),
    ("gb", ["**Samaritans**: call 116 123", "**Shout**: text SHOUT to 85258", "call 999"]),
    ("ie", ["**Samaritans**: call 116 123", "call 112"]),
    ("au", ["**Lifeline**: call 13 11 14", "call 000"]),
    ("eu", ["call 112"]),
])
def test_each_region_is_exact(res, code, expected):
    text = "\n".join(lines(res, code))
    for fact in expected:
        assert fact in text


@pytest.mark.parametrize("code", ["us", "ca", "gb", "ie", "au", "eu"])
def test_every_region_also_lists_the_directory(res, code):
    assert any("findahelpline.com" in line for line in lines(res, code))


def test_no_region_borrows_another_regions_numbers(res):
    assert "Shout" not in "\n".join(lines(res, "ie"))
    assert "988" not in "\n".join(lines(res, "gb"))
    assert "911" not in "\n".join(lines(res, "au"))


@pytest.mark.parametrize("code", [None, "", "xx", "mars"])
def test_unknown_region_falls_back_to_anywhere(res, code):
    assert res.for_region(code).code == "anywhere"


def test_codes_are_forgiving(res):
    assert res.for_region("GB").code == "gb"
    assert res.for_region(" uk ").code == "gb"


def test_support_message_is_intro_resources_and_disclaimer():
    msg = support_message("gb")
    assert isinstance(msg, Rich)
    text = msg.plain()
    assert text.startswith("Thank you for telling us.")
    assert "Samaritans: call 116 123" in text and "SHOUT to 85258" in text
    assert text.rstrip().endswith("Hearth is not a therapist or an emergency service.")
    raw = "".join(p for p in msg.parts if isinstance(p, str))
    assert "**Samaritans**" in raw
    assert "_" not in raw.replace("**", "") and "`" not in raw


def test_support_message_default_is_anywhere():
    text = support_message(None).plain()
    assert "findahelpline.com" in text and "local emergency number" in text
    assert "not a therapist or an emergency service" in text


def copy_content(tmp_path: Path) -> Path:
    shutil.copy(default_content_dir() / "resources.toml", tmp_path / "resources.toml")
    return tmp_path


@pytest.mark.parametrize("old, new, needle", [
    ("[regions.anywhere]\nname", "[regions.somewhere]\nname", "[regions.anywhere]"),
    ('detail = "text SHOUT to 85258"', 'detail = ""', "[regions.gb].resources[1].detail"),
    ('detail = "call 13 11 14"', 'detail = "call _13 11 14_"', "**bold** only"),
    ('name = "Canada"\n', 'name = "Canada"\nphone = "988"\n', "[regions.ca]: unknown key(s) ['phone']"),
    ('aliases = ["uk"]', 'aliases = ["ie"]', "[regions.gb].aliases"),
])
def test_bad_resources_file_names_file_and_entry(tmp_path, old, new, needle):
    content = copy_content(tmp_path)
    path = content / "resources.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SafetyContentError) as err:
        load_resources(content)
    assert str(path) in str(err.value) and needle in str(err.value)
