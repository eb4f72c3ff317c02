"""`hearth screen` reads lines and labels each one."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from bot.safety.cli import main


def run(text: str, content_dir: Path | None = None) -> tuple[int, str]:
    out = io.StringIO()
    code = main(io.StringIO(text), out, content_dir)
    return code, out.getvalue()


def test_labels_each_line_in_order():
    code, out = run("I want to die\nthis deadline is killing me\n\nI’m not suicidal\r\nkms")
    assert code == 0
    assert out.splitlines() == [
        "crisis\tI want to die",
        "ok\tthis deadline is killing me",
        "empty\t",
        "ok\tI’m not suicidal",
        "crisis\tkms",
    ]


def test_a_line_that_is_no_text_gets_no_verdict():
    """Trial 20 B4: `printf '\\xff\\xfe\\n' | hearth screen` printed "ok" for a line it couldn't read, and a blank
    line was "ok" too: neither was screened."""
    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe\n   \nI want to die\n"), encoding="utf-8")
    out = io.StringIO()
    assert main(stdin, out) == 0
    assert out.getvalue().splitlines() == ["unreadable\t\ufffd\ufffd", "empty\t   ", "crisis\tI want to die"]


def test_empty_input_prints_nothing():
    assert run("") == (0, "")


def test_bad_phrase_file_is_a_clear_error(tmp_path):
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "en.toml").write_text("[meta]\nlanguage = 'en'\n", encoding="utf-8")
    code, out = run("hello\n", tmp_path)
    assert code == 2
    assert out.startswith("error\t") and "en.toml" in out and "[[crisis]]" in out


def test_runs_as_a_module():
    root = Path(__file__).resolve().parents[3]
    proc = subprocess.run([sys.executable, "-m", "bot.safety.cli"], input="he hurts me\nkill the process\n",
                          capture_output=True, text=True, cwd=root, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout == "crisis\the hurts me\nok\tkill the process\n"


def _hearth_screen(*flags: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    root = Path(__file__).resolve().parents[3]
    return subprocess.run([sys.executable, "-m", "hearth", "screen", *flags], input="bye everyone, thank you for all\n",
                          capture_output=True, text=True, cwd=root, timeout=120, env=env)


def test_hearth_screen_runs_the_screen_the_config_gives_hearth(tmp_path):
    """By default the model and the rules, read as a community's default `crisis_screen = model` reads (what only
    the model hears is gentle); `[safety] model = false` (or `--rules-only`) leaves the model out, `--model` adds
    it whatever the config says, and `--model-crisis` lets its alarm be a crisis, as `crisis_screen = model-crisis`."""
    import os

    base = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    default = _hearth_screen(env=base).stderr
    assert "screen: model use-m3" in default and "what only the model hears is gentle, a crisis where it is sure" \
        in default
    off = tmp_path / "off.toml"
    off.write_text("[safety]\nmodel = false\n", encoding="utf-8")
    assert "screen: phrase rules only" in _hearth_screen("--config", str(off), env=base).stderr
    assert "screen: phrase rules only" in _hearth_screen(env={**base, "HEARTH_SAFETY_MODEL": "false"}).stderr
    assert "screen: phrase rules only" in _hearth_screen("--rules-only", env=base).stderr
    assert "screen: model use-m3" in _hearth_screen("--model", "--config", str(off), env=base).stderr
    strong = _hearth_screen("--model-crisis", env=base).stderr
    assert "screen: model use-m3" in strong and "the model's confident alarm is a crisis too" in strong


def test_hearth_screen_reads_the_configs_own_content_and_says_why_the_model_is_left_out(tmp_path):
    """Trial 19: `--config FILE` ignored its `content_dir`, so the screen tried was not the one Hearth runs (its own
    phrase files and head), and `--rules-only` blamed the config for the model's absence."""
    import os
    import shutil

    from bot.content.packs import default_content_dir

    shutil.copytree(default_content_dir() / "safety", tmp_path / "content" / "safety",
                    ignore=shutil.ignore_patterns("corpus"))
    (tmp_path / "content" / "safety" / "head.json").write_text("{not json", encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text(f'content_dir = "{(tmp_path / "content").as_posix()}"\n', encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    said = _hearth_screen("--config", str(broken), env=base)
    assert "screen: phrase rules only" in said.stderr and "not a trained head" in said.stderr
    assert said.stdout.split("\t")[0] in ("ok", "gentle", "crisis") and said.returncode == 0
    assert "screen: phrase rules only (--rules-only)" in _hearth_screen("--rules-only", env=base).stderr


def test_a_line_longer_than_any_message_is_read_past_and_said_too_long_and_the_others_are_screened():
    """Trial 23: one 5 MB line was read whole and screened, ~680 MB of memory. A line is read up to the longest
    message Hearth reads (`MAX_MESSAGE_CHARS`), the rest of a longer one read past a piece at a time; it is marked
    `too-long` (on stderr: which line, and why), and the lines around it are screened as ever. As bytes (a pipe)
    and as text."""
    from bot.events import MAX_MESSAGE_CHARS

    long = "a" * (5 * 1024 * 1024)
    just = "b" * MAX_MESSAGE_CHARS
    text = f"I want to die\n{long}\n{just}\n{'é' * (MAX_MESSAGE_CHARS + 1)}\nkms"
    for stdin in (io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"), io.StringIO(text)):
        out, err = io.StringIO(), io.StringIO()
        assert main(stdin, out, stderr=err) == 0
        assert out.getvalue().splitlines() == ["crisis\tI want to die", "too-long\t" + "a" * 60 + "…", f"ok\t{just}",
                                               "too-long\t" + "é" * 60 + "…", "crisis\tkms"]
        said = err.getvalue()
        assert "line 2 is longer than 6,000 characters" in said and "line 4 is" in said and "line 3" not in said


def test_a_long_line_is_never_held_whole():
    """Reading past a line of 50 MB holds no more than a message's worth of it at once."""
    import tracemalloc

    from bot.safety.cli import _lines

    stdin = io.TextIOWrapper(io.BytesIO(b"x" * (50 * 1024 * 1024) + b"\nok\n"), encoding="utf-8")
    tracemalloc.start()
    try:
        lines = [(line[:3], whole) for line, whole in _lines(stdin)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == [("xxx", False), ("ok\n", True)] and peak < 1024 * 1024
