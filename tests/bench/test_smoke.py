"""The benchmark runner works: a quick run prints a table and writes JSON rows (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Each run below is a whole benchmark in a process of its own, given up to 300 s (`timeout=300`): the suite's own
#: 120 s per test would cut it short first on a busy machine (the quick screen row loads the model and reads the
#: test split: 20 s here, over 120 s at a load average of 10), so these tests get the subprocess's limit and a little.
pytestmark = pytest.mark.timeout(330)


def test_quick_screen_and_core_print_a_table(tmp_path: Path) -> None:
    out = tmp_path / "rows.jsonl"
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "screen", "core", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:6] == ["benchmark", "figure", "unit", "limit", "ratio", "target"]
    names = [ln.split()[0] for ln in lines[2:] if ln.strip() and not ln.startswith(("-", " "))]
    assert "screen" in names and "core" in names
    assert "[1/2] screen" in proc.stderr and "[2/2] core" in proc.stderr
    rows = [json.loads(ln) for ln in out.read_text().splitlines()]
    assert {"name", "figure", "unit", "limit", "ratio", "target"} <= set(rows[0])
    assert {r["name"] for r in rows} >= {"screen rules", "screen model en", "screen model pt", "screen p99", "screen load",
                                            "core"}


def test_unknown_names_are_refused() -> None:
    proc = subprocess.run([sys.executable, "-m", "bench", "nosuch"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert "unknown benchmark" in proc.stderr


def test_quick_discord_runs_both_sides_in_turns(tmp_path: Path) -> None:
    out = tmp_path / "rows.jsonl"
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "discord", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (row,) = [json.loads(ln) for ln in out.read_text().splitlines()]
    assert row["name"] == "discord" and row["figure"] > 0 and row["limit"] > 0
    assert abs(row["ratio"] - row["figure"] / row["limit"]) < 0.01
    assert "taking turns in chunks" in row["notes"]


def test_quick_slack_answers_every_command_in_its_ack(tmp_path: Path) -> None:
    """Session 7's payload check refused every bench command (lowercase member ids) and the row read 0 unnoticed."""
    out = tmp_path / "rows.jsonl"
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "slack", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (row,) = [json.loads(ln) for ln in out.read_text().splitlines()]
    assert row["name"] == "slack" and row["figure"] > 0 and row["limit"] > 0
    assert "(300 of 300 in the ack body" in row["notes"] and "HTTP {'200': 300}" in row["notes"]
    assert "unanswered" not in row["notes"]


def test_each_part_the_instruction_counter_can_take_out_still_answers_every_interaction() -> None:
    """`--without=PART` stubs a part with a remembered answer: the interactions must still be answered, and the
    stub must have run (a part another stub skips is refused, or the count would lie)."""
    for part in ("core", "store", "show", "actor", "adapter"):
        proc = subprocess.run([sys.executable, "-m", "bench.instructions", "--side", "hearth", "1", f"--without={part}"],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"{part}: {proc.stderr}"
    skipped = subprocess.run([sys.executable, "-m", "bench.instructions", "--side", "hearth", "1",
                              "--without=adapter", "--without=core"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert skipped.returncode != 0 and "never reached, so not taken out: core" in skipped.stderr
    wrong = subprocess.run([sys.executable, "-m", "bench.instructions", "--without=everything"],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert wrong.returncode != 0 and "unknown part(s) everything" in wrong.stderr


def test_the_instruction_counters_run_of_one_side_answers_every_interaction() -> None:
    """What valgrind runs (the count itself needs valgrind, not a project dependency): a bad answer fails it."""
    proc = subprocess.run([sys.executable, "-m", "bench.instructions", "--side", "hearth", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


def test_the_instruction_counters_slack_side_answers_every_command_in_its_ack() -> None:
    """`--slack`'s run of Hearth's side: a command answered any other way than in its ack fails it."""
    proc = subprocess.run([sys.executable, "-m", "bench.instructions", "--side", "slack", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    wrong = subprocess.run([sys.executable, "-m", "bench.instructions", "--slack", "--without=core"],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert wrong.returncode != 0 and "usage" in wrong.stderr
