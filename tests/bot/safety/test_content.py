"""The phrase file is validated on load, with errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.safety import PhraseRules, SafetyContentError

GOOD = """
[meta]
language = "en"

[negation]
cues = ["not"]

[[crisis]]
id = "death.wish"
patterns = ["want to die"]
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "safety").mkdir(exist_ok=True)
    (tmp_path / "safety" / "en.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_minimal_file_loads(tmp_path):
    screen = PhraseRules.load(write(tmp_path, GOOD))
    assert screen.check("I want to die").fired == "death.wish"
    assert screen.check("I do not want to die").fired is None


@pytest.mark.parametrize("text, needle", [
    ("[meta\n", "isn't valid TOML"),
    (GOOD.replace('language = "en"', ""), "[meta].language"),
    (GOOD.replace('id = "death.wish"', ""), "crisis[0]: needs an id"),
    (GOOD.replace('id = "death.wish"', 'id = "Death Wish"'), "crisis[0]: needs an id"),
    (GOOD + '\n[[crisis]]\nid = "death.wish"\npatterns = ["x"]\n', 'crisis[1] (id "death.wish"): id is used twice'),
    (GOOD.replace('["want to die"]', '["want to (die"]'), 'crisis[0] (id "death.wish"): unclosed'),
    (GOOD.replace('["want to die"]', '[]'), 'crisis[0] (id "death.wish").patterns'),
    (GOOD.replace('["want to die"]', '["do not want to live"]') + '[normalise]\nphrases = { "do not" = "dont" }\n', "write “dont” instead of “do not”"),
    (GOOD.replace('patterns =', 'patern = ["x"]\npatterns ='), "unknown key(s) ['patern']"),
    (GOOD + "\n[extra]\n", "unknown table(s) ['extra']"),
    (GOOD.replace('cues = ["not"]', 'cues = ["not"]\nnot_negation = ["really sure"]'), "must start with a cue"),
    (GOOD.replace("[[crisis]]", "[settings]\nnegation_window = -1\n\n[[crisis]]"), "negation_window"),
    (GOOD + '\n[[figure]]\nid = "fig.x"\npatterns = ["x"]\nsoftenable = true\n', 'figure[0] (id "fig.x").softenable'),
    (GOOD + '\n[[hyperbole]]\nid = "jest.x"\npatterns = ["if (i"]\n', 'hyperbole[0] (id "jest.x"): unclosed'),
    (GOOD.replace('cues = ["not"]', 'cues = ["not"]\ninterjections = "no"'), "[negation].interjections"),
    (GOOD + '\n[[figure]]\nid = "fig.x"\npatterns = ["x"]\ntopical = true\n', 'figure[0] (id "fig.x").topical'),
    (GOOD + '\n[[topic]]\nid = "topic.x"\npatterns = ["x"]\nneeds = ["y"]\n', 'topic[0] (id "topic.x").needs'),
    (GOOD.replace('patterns = ["want to die"]', 'patterns = ["want to die"]\nunless = ["y"]'),
     'crisis[0] (id "death.wish").unless'),
    (GOOD + '\n[[figure]]\nid = "fig.x"\npatterns = ["x"]\nunless = []\n', 'figure[0] (id "fig.x").unless'),
    (GOOD.replace('patterns = ["want to die"]', 'patterns = ["want to die"]\nneeds = []'), 'crisis[0] (id "death.wish").needs'),
    (GOOD + '\n[[topic]]\nid = "topic.x"\npatterns = ["(prevention"]\n', 'topic[0] (id "topic.x"): unclosed'),
])
def test_bad_file_names_file_and_entry(tmp_path, text, needle):
    content = write(tmp_path, text)
    with pytest.raises(SafetyContentError) as err:
        PhraseRules.load(content)
    assert str(content / "safety" / "en.toml") in str(err.value)
    assert needle in str(err.value)


def test_missing_language_file(tmp_path):
    with pytest.raises(SafetyContentError, match="no such phrase file"):
        PhraseRules.load(tmp_path, language="xx")


def test_shipped_file_loads():
    screen = PhraseRules.load()
    assert len(screen.crisis) >= 8 and len(screen.figures) >= 10


def test_a_topic_marker_softens_only_a_topical_entry_in_its_clause(tmp_path):
    text = GOOD.replace('patterns = ["want to die"]', 'patterns = ["want to die"]\n\n[[crisis]]\nid = "suicide.word"\n'
                        'topical = true\npatterns = ["suicide"]') + '\n[[topic]]\nid = "topic.x"\npatterns = ["prevention"]\n'
    screen = PhraseRules.load(write(tmp_path, text))
    assert screen.check("suicide prevention week").softened == "suicide.word"
    assert screen.check("suicide prevention week").fired is None
    assert screen.check("suicide, and then prevention").fired == "suicide.word"  # another clause
    assert screen.check("I want to die, prevention week").fired == "death.wish"  # not a topical entry


def test_a_group_that_needs_another_phrase_counts_only_beside_it_in_any_clause(tmp_path):
    text = GOOD.replace('patterns = ["want to die"]', 'patterns = ["want to die"]\n\n[[crisis]]\nid = "plan.ready"\n'
                        'patterns = ["pills (are)? ready"]\nneeds = ["(tonight|tonights|sunday)"]')
    screen = PhraseRules.load(write(tmp_path, text))
    assert screen.check("the pills are ready").fired is None  # alone: everyday words
    assert screen.check("the pills are ready. tonight's the night").fired == "plan.ready"  # another clause
    assert screen.check("sunday then, the pills are ready").fired == "plan.ready"
    assert screen.check("tonight's the night").fired is None  # the need alone fires nothing
