"""Built phrase rules kept between starts (`bot.safety.built`): read back only for the same files and code, and
anything wrong with the kept file only means building them again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.packs import default_content_dir
from bot.safety import built, rules
from bot.safety.content import SafetyContentError
from bot.safety.rules import AllRules

SENTENCES = ["i want to kill myself", "this meeting is killing me", "quiero morirme", "ich will nicht mehr leben",
             "je vais bien, merci", "não aguento mais viver", "i would never hurt myself"]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder of its own, with the phrase files only (what `AllRules.load` reads)."""
    (tmp_path / "content" / "safety").mkdir(parents=True)
    for f in (default_content_dir() / "safety").glob("*.toml"):
        shutil.copy(f, tmp_path / "content" / "safety" / f.name)
    return tmp_path / "content"


def _kept(folder: Path) -> list[Path]:
    return sorted(folder.glob("rules-*.pickle"))


def _verdicts(r: AllRules) -> list[object]:
    return [r.check(s) for s in SENTENCES]


def test_rules_built_once_are_read_back_the_same_without_building(content, tmp_path, monkeypatch):
    kept = tmp_path / "cache"
    first = AllRules.load(content, kept)
    [file] = _kept(kept)
    fresh = _verdicts(AllRules.load(content))

    def no_building(*_a, **_k):
        raise AssertionError("built again, though kept")

    monkeypatch.setattr(rules, "load_phrase_file", no_building)
    again = AllRules.load(content, kept)
    assert again is not first and _verdicts(again) == _verdicts(first) == fresh
    assert _verdicts(again)[0].fired and not _verdicts(again)[1].fired
    assert _kept(kept) == [file]


def test_a_changed_phrase_file_is_built_again_and_the_old_rules_are_dropped(content, tmp_path):
    kept = tmp_path / "cache"
    assert not AllRules.load(content, kept).check("my toaster is a flamingo").fired
    [old] = _kept(kept)
    en = content / "safety" / "en.toml"
    en.write_text(en.read_text(encoding="utf-8") + '\n[[crisis]]\nid = "en.test.flamingo"\n'
                  'about = "a test phrase"\npatterns = ["toaster is a flamingo"]\n', encoding="utf-8")
    assert AllRules.load(content, kept).check("my toaster is a flamingo").fired == "en.test.flamingo"
    [new] = _kept(kept)
    assert new != old


def test_a_bad_phrase_file_is_refused_though_good_rules_were_kept(content, tmp_path):
    kept = tmp_path / "cache"
    AllRules.load(content, kept)
    (content / "safety" / "de.toml").write_text('[[crisis]]\nid = "de.bad"\npatterns = ["(unclosed"]\n',
                                                encoding="utf-8")
    with pytest.raises(SafetyContentError):
        AllRules.load(content, kept)


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05\x95garbage", "a string of the wrong kind"])
def test_a_damaged_or_foreign_kept_file_means_building_again(content, tmp_path, damage):
    import pickle

    kept = tmp_path / "cache"
    AllRules.load(content, kept)
    [file] = _kept(kept)
    file.write_bytes(damage if isinstance(damage, bytes) else pickle.dumps(damage))
    assert _verdicts(AllRules.load(content, kept)) == _verdicts(AllRules.load(content))
    assert isinstance(built.read(kept, file.name[len("rules-"):-len(".pickle")], AllRules), AllRules)  # kept anew


def test_a_folder_that_cannot_be_written_only_means_no_rules_kept(content, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    got = AllRules.load(content, blocked / "cache")
    assert _verdicts(got) == _verdicts(AllRules.load(content))
    assert not list(tmp_path.glob(".rules-*")) and blocked.read_text(encoding="utf-8") == "not a folder"


def test_the_cache_folder_follows_xdg_and_the_suite_keeps_its_own(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert built.cache_folder() == tmp_path / "hearth"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert built.cache_folder() == Path("~/.cache/hearth").expanduser()


def test_no_home_means_no_folder_and_rules_built_as_without_one(monkeypatch, content):
    """A container's user with no home and no XDG_CACHE_HOME: `~` can't be read, and Hearth still starts."""
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(Path, "expanduser", lambda self: (_ for _ in ()).throw(RuntimeError("no home")))
    assert built.cache_folder() is None
    assert AllRules.load(content, built.cache_folder()).check("i want to kill myself").fired


def test_a_kept_file_others_can_write_is_not_read(content, tmp_path, monkeypatch):
    kept = tmp_path / "cache"
    AllRules.load(content, kept)
    kept.chmod(0o777)

    def no_reading(*_a, **_k):
        raise AssertionError("read a file others could have written")

    monkeypatch.setattr(built.pickle, "load", no_reading)
    assert AllRules.load(content, kept).check("i want to kill myself").fired
    assert kept.stat().st_mode & 0o077 == 0  # (kept anew, in a folder only its user can write)


def test_a_kept_object_of_an_older_shape_is_built_again(content, tmp_path):
    import pickle

    kept = tmp_path / "cache"
    AllRules.load(content, kept)
    [file] = _kept(kept)
    old = pickle.loads(file.read_bytes())
    for r in old.by_language.values():
        del r.__dict__["_crisis"]  # (as an object pickled before `_Groups` was: unpickling skips __init__)
    file.write_bytes(pickle.dumps(old))
    assert AllRules.load(content, kept).check("i want to kill myself").fired


def test_a_phrase_file_that_is_no_file_is_refused_kindly_with_a_folder_to_keep_in(content, tmp_path):
    en = content / "safety" / "en.toml"
    en.unlink()
    en.mkdir()
    with pytest.raises(SafetyContentError):
        AllRules.load(content, tmp_path / "cache")
