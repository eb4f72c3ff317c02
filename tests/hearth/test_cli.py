"""The `hearth` command as a person meets it: a real process, its exit code and what lands on stderr.

Whatever goes wrong at start gets one clear sentence and a non-zero exit, never a traceback (and never a hang).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hearth.cli import SUBCOMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def hearth(tmp_path: Path, *args: str, env: dict[str, str] | None = None, stdin: bytes = b"quit\n"
           ) -> subprocess.CompletedProcess[str]:
    """`python -m hearth ARGS` in tmp_path, with none of the developer's HEARTH_* settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    clean["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-m", "hearth", *args], cwd=tmp_path, env=clean | (env or {}),
                            input=stdin, capture_output=True, timeout=60)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


def refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """It stopped with a sentence (containing `words`), a non-zero exit and no traceback."""
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert any(line.startswith("hearth: ") for line in result.stderr.splitlines()), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("command", [["check-config", "deep.toml"], ["--config", "deep.toml"],
                                     ["content", "lint", "deep.toml"]])
def test_a_toml_file_nested_too_deeply_is_one_sentence_naming_its_line(tmp_path, command):
    """trial16 §4: 5,000 nested arrays were "something went wrong that I didn't expect (RecursionError …)"."""
    (tmp_path / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = hearth(tmp_path, *command, env={"HEARTH_DATA_DIR": str(tmp_path / "d")})
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said and "didn't expect" not in said, said
    assert "deep.toml: line 1: this file nests arrays or tables too deeply to read" in said, said


def test_a_missing_script_is_one_sentence_not_a_hang(tmp_path):
    refused(hearth(tmp_path, "--script", "nope.txt"), "nope.txt", "does not exist")


def test_a_script_that_is_not_utf8_is_refused_before_anything_starts(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"who\n\xff\xfe oops\n")
    refused(hearth(tmp_path, "run", "--script", "bad.txt"), "bad.txt", "UTF-8", "line 2")
    assert not (tmp_path / "hearth-data").exists()  # refused before a database was made


def test_piped_input_that_is_not_utf8_skips_that_line_and_reads_on(tmp_path):
    result = hearth(tmp_path, env={"HEARTH_DATA_DIR": str(tmp_path / "d")}, stdin=b"who\n\xff oops\nwho\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "so I skipped it" in result.stdout and result.stdout.count("You are you") == 2  # (the lines around it)


@pytest.mark.parametrize("command", [["check-config"], ["run"]])
def test_a_config_that_is_not_utf8_names_the_file_and_the_line(tmp_path, command):
    (tmp_path / "bad.toml").write_bytes(b'log_level = "INFO"\n# caf\xe9\n')
    refused(hearth(tmp_path, "--config", "bad.toml", *command), "bad.toml", "UTF-8", "line 2")


def test_a_missing_content_folder_is_named_with_where_it_was_set(tmp_path):
    (tmp_path / "hearth.toml").write_text('content_dir = "/nonexistent/content"\n', encoding="utf-8")
    refused(hearth(tmp_path, env={"HEARTH_DATA_DIR": str(tmp_path / "d")}), "content_dir", "./hearth.toml",
            "/nonexistent/content")


def test_a_data_folder_that_cannot_be_made_is_named(tmp_path):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    refused(hearth(tmp_path, env={"HEARTH_DATA_DIR": str(tmp_path / "a-file" / "data")}), "$HEARTH_DATA_DIR",
            "is a file, not a folder")


@pytest.mark.skipif(IS_ROOT, reason="root may write into a read-only folder")
def test_a_read_only_data_folder_is_named(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        refused(hearth(tmp_path, env={"HEARTH_DATA_DIR": str(folder)}), "read-only", "$HEARTH_DATA_DIR")
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not Path("/proc/sys").is_dir(), reason="needs Linux's /proc/sys")
@pytest.mark.parametrize("command", [["check-config"], ["run"]])
def test_a_data_folder_where_nobody_may_write_is_named(tmp_path, command):
    """/proc/sys takes no new folders, not even root's: a read-only place on any Linux."""
    refused(hearth(tmp_path, *command, env={"HEARTH_DATA_DIR": "/proc/sys/hearth-data"}), "/proc/sys")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("command", [["check-config"], ["run"]])
def test_a_data_folder_that_looks_writable_but_takes_no_folder_is_refused_by_both(tmp_path, command):
    """Trial 20 C2: /proc looks writable to root (`os.access`), so check-config said "Config OK" for
    HEARTH_DATA_DIR=/proc/nope, which a start then refused. The folder is tried as a start uses it."""
    refused(hearth(tmp_path, *command, env={"HEARTH_DATA_DIR": "/proc/nope"}), "$HEARTH_DATA_DIR", "/proc/nope")


@pytest.mark.skipif(IS_ROOT, reason="root may write to a read-only file")
def test_a_read_only_database_file_is_named(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    sqlite3.connect(folder / "hearth.db").close()
    (folder / "hearth.db").chmod(0o444)
    refused(hearth(tmp_path, env={"HEARTH_DATA_DIR": str(folder)}), "read-only", "hearth.db")


@pytest.mark.parametrize("command", [[], ["status"]])
def test_a_corrupt_sqlite_file_is_one_sentence(tmp_path, command):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "hearth.db").write_bytes(os.urandom(8192))
    refused(hearth(tmp_path, *command, env={"HEARTH_DATA_DIR": str(folder)}), "not a SQLite database")


def test_a_damaged_sqlite_file_with_a_right_header_is_one_sentence(tmp_path):
    """Past the preflight's look at the header, the store itself says it (as for `hearth status`)."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "hearth.db").write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    refused(hearth(tmp_path, env={"HEARTH_DATA_DIR": str(folder)}), "hearth.db")


def test_a_sqlite_file_damaged_past_its_schema_is_the_same_one_sentence(tmp_path):
    """A file whose header and schema read but whose pages hold garbage (a disk fault, a copy cut short) met the
    first read at start ("database is malformed" counting the notes) and got "something went wrong that I didn't
    expect" (trial21 A3): it gets the same kind sentence as a damaged header, which says what to do."""
    folder = tmp_path / "d"
    assert hearth(tmp_path, env={"HEARTH_DATA_DIR": str(folder)}).returncode == 0  # a real store, migrated
    path = folder / "hearth.db"
    with sqlite3.connect(path) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        [root] = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes'").fetchone()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)
    said = refused(hearth(tmp_path, env={"HEARTH_DATA_DIR": str(folder)}), "hearth.db", "may be damaged",
                   "restore it from a backup")
    assert "didn't expect" not in said


def test_status_with_an_unreachable_database_is_one_sentence(tmp_path):
    refused(hearth(tmp_path, "status", env={"HEARTH_DATABASE_URL": "postgresql://127.0.0.1:1/x"}),
            "Could not connect to PostgreSQL")


def test_an_unknown_database_scheme_is_refused_at_start(tmp_path):
    refused(hearth(tmp_path, env={"HEARTH_DATABASE_URL": "mysql://127.0.0.1/x"}), "database_url",
            "$HEARTH_DATABASE_URL")


# -- check-config checks what start checks, all at once -------------------------------------------------------


def test_check_config_reports_every_problem_a_start_would_meet(tmp_path, capsys, monkeypatch):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    config = tmp_path / "many.toml"
    config.write_text('log_level = "LOUD"\ncontent_dir = "/nonexistent/content"\n[slack]\nport = "x"\n',
                      encoding="utf-8")
    monkeypatch.setenv("HEARTH_DATABASE_URL", "mysql://127.0.0.1/x")
    monkeypatch.setenv("HEARTH_DATA_DIR", str(tmp_path / "a-file" / "data"))
    assert main(["check-config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "5 problems" in err
    for words in ("`log_level`", "`slack.port`", "`database_url`", "$HEARTH_DATABASE_URL", "`content_dir` (from "
                  f"{config})", "`data_dir` (from $HEARTH_DATA_DIR)"):
        assert words in err


@pytest.mark.parametrize("args, named", [
    (["check-config", "missing.toml"], "hearth check-config ./hearth.toml"),
    (["--config", "missing.toml", "check-config"], "hearth --config ./hearth.toml"),
])
def test_a_missing_config_file_names_what_pointed_to_it(tmp_path, capsys, monkeypatch, args, named):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "missing.toml, which does not exist" in err and named in err


def test_a_setting_from_the_default_file_says_so(tmp_path, capsys, monkeypatch):
    import bot.config

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(bot.config, "DEFAULT_CONFIG_FILE", "hearth.toml")
    (tmp_path / "hearth.toml").write_text('content_dir = "nowhere"\n', encoding="utf-8")
    assert main(["check-config"]) == 2
    assert "`content_dir` (from ./hearth.toml)" in capsys.readouterr().err


def test_check_config_passes_what_starts(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HEARTH_DATA_DIR", str(tmp_path / "new" / "data"))  # made at start: fine
    assert main(["check-config"]) == 0
    assert "Config OK" in capsys.readouterr().out
    assert not (tmp_path / "new").exists()  # the check only looks


def test_check_config_says_what_a_start_would_about_the_key_and_the_sealed_words(tmp_path, capsys, monkeypatch):
    """Trial 22b: words sealed in the SQLite file and no key (or another key): a start refuses, so check-config
    may not say "Config OK"; it says the start's sentence, and the file is left as it was."""
    from bot.crypto import FernetCipher, generate_key

    key, other = generate_key(), generate_key()
    data = tmp_path / "data"
    data.mkdir()
    db = sqlite3.connect(data / "hearth.db")
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    db.execute("INSERT INTO notes (text) VALUES (?)", (FernetCipher([key]).seal("my own words"),))
    db.commit()
    db.close()
    before = (data / "hearth.db").read_bytes()
    monkeypatch.setenv("HEARTH_DATA_DIR", str(data))
    for given, said in ((None, "HEARTH_ENCRYPTION_KEY is not set"), (other, "doesn't open"), (key, "Config OK")):
        if given:
            monkeypatch.setenv("HEARTH_ENCRYPTION_KEY", given)
        assert main(["check-config"]) == (0 if given == key else 2)
        assert said in "".join(capsys.readouterr())
    monkeypatch.delenv("HEARTH_ENCRYPTION_KEY")
    monkeypatch.setenv("HEARTH_NEW_ENCRYPTION_KEY", other)  # mid-rotation without the old key: refused too
    assert main(["check-config"]) == 2
    assert "doesn't open" in capsys.readouterr().err
    assert (data / "hearth.db").read_bytes() == before


def test_check_config_refuses_a_store_written_by_a_newer_hearth(tmp_path, capsys, monkeypatch):
    """Trial 22b: a start refuses a database of a newer schema; check-config said "Config OK" to it."""
    data = tmp_path / "data"
    data.mkdir()
    db = sqlite3.connect(data / "hearth.db")
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    db.execute("INSERT INTO schema_migrations VALUES (9999, 'future', 'x')")
    db.commit()
    db.close()
    monkeypatch.setenv("HEARTH_DATA_DIR", str(data))
    assert main(["check-config"]) == 2
    assert "written by a newer Hearth" in capsys.readouterr().err


def test_check_config_refuses_slack_over_http_without_its_signing_secret(tmp_path, capsys, monkeypatch):
    """Trial 22b: a Slack bot token alone (no signing secret, no app token) can't start, so check-config may not say
    "Config OK"; either of the two makes it fine."""
    monkeypatch.setenv("HEARTH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HEARTH_SLACK_BOT_TOKEN", "xoxb-1")
    assert main(["check-config"]) == 2
    assert "needs HEARTH_SLACK_SIGNING_SECRET" in capsys.readouterr().err
    for name, value in (("HEARTH_SLACK_SIGNING_SECRET", "s"), ("HEARTH_SLACK_APP_TOKEN", "xapp-1")):
        with monkeypatch.context() as m:
            m.setenv(name, value)
            assert main(["check-config"]) == 0
            assert "Config OK" in capsys.readouterr().out


# -- the subcommands ---------------------------------------------------------------------------------------------


def test_every_subcommand_has_a_real_help(tmp_path):
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) == set(SUBCOMMANDS)
    for name in commands:
        result = hearth(tmp_path, name, "--help")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"usage: hearth {name}")
        first_words = " ".join(SUBCOMMANDS[name][1].split()[:4])
        assert first_words in " ".join(result.stdout.split()), result.stdout
    assert "--script" in hearth(tmp_path, "run", "--help").stdout


@pytest.mark.parametrize("order", [["run", "--script", "s.txt"], ["--script", "s.txt", "run"], ["--script", "s.txt"]])
def test_the_script_option_works_before_or_after_run(tmp_path, order):
    (tmp_path / "s.txt").write_text("who\n", encoding="utf-8")
    result = hearth(tmp_path, *order, env={"HEARTH_DATA_DIR": str(tmp_path / "d")}, stdin=b"")
    assert result.returncode == 0, result.stderr
    assert "You are you" in result.stdout
    assert result.stderr == ""


def test_an_unknown_log_level_is_refused_with_the_choices(tmp_path):
    result = hearth(tmp_path, "--log-level", "loud", "run")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "DEBUG" in result.stderr and "WARNING" in result.stderr


@pytest.mark.parametrize("command", [["check-config"], ["run"]])
def test_a_broken_phrase_list_is_one_sentence_naming_the_file(tmp_path, command):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("corpus"))
    (content / "safety" / "pt.toml").write_text("[[[\n", encoding="utf-8")
    (tmp_path / "hearth.toml").write_text(f'content_dir = "{content}"\n', encoding="utf-8")
    said = refused(hearth(tmp_path, *command, env={"HEARTH_DATA_DIR": str(tmp_path / "d")}),
                   "The safety content", "pt.toml", "isn't valid TOML")
    assert "didn't expect" not in said  # a known kind of mistake, not a surprise


def test_log_format_json_makes_every_log_line_one_json_object(tmp_path):
    import json

    (tmp_path / "s.txt").write_text("help\nnote a secret of mine\n", encoding="utf-8")
    result = hearth(tmp_path, "--log-format", "json", "--log-level", "INFO", "run", "--script", "s.txt",
                    env={"HEARTH_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any("applied migration" in json.loads(line)["message"] for line in lines)
    for line in lines:
        assert json.loads(line)["level"] in ("DEBUG", "INFO", "WARNING", "ERROR")
        assert "secret of mine" not in line


def test_a_log_format_hearth_does_not_know_is_refused(tmp_path):
    result = hearth(tmp_path, "run", "--log-format", "xml")
    assert result.returncode == 2 and "invalid choice" in result.stderr and "Traceback" not in result.stderr


def test_a_health_port_already_taken_is_one_sentence(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = hearth(tmp_path, "run", "--script", "/dev/null",
                        env={"HEARTH_DATA_DIR": str(tmp_path / "d"), "HEARTH_HTTP_PORT": str(port)})
    refused(result, str(port), "service.http_port")


def test_sigterm_stops_hearth_in_the_terminal_with_0_even_while_it_waits_for_a_line(tmp_path):
    import signal
    import time

    clean = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    clean |= {"PYTHONPATH": str(ROOT), "HEARTH_DATA_DIR": str(tmp_path / "d"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "hearth"], cwd=tmp_path, env=clean, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write(b"help\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
        # Its answer to `help` says it runs (and takes SIGTERM: before that, a loaded machine may still be starting
        # Python, and a SIGTERM then is the default one); then it waits for the next line (stdin stays open).
        said = bytearray()

        def read() -> None:
            while chunk := proc.stdout.read1(4096):  # type: ignore[union-attr]
                said.extend(chunk)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        deadline = time.monotonic() + 300
        while b"checkin" not in said and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert b"checkin" in said, bytes(said)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=120)
        reader.join(timeout=30)
        err = proc.stderr.read()  # type: ignore[union-attr]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert b"Traceback" not in err


def test_a_setting_past_a_range_narrowed_since_the_last_release_starts_with_one_warning(tmp_path):
    """A file the last release ran with (summary_floor had no highest) still starts Hearth: the value is brought
    within the range, said once at start, with how to silence it."""
    (tmp_path / "hearth.toml").write_text("[checkins]\nsummary_floor = 100\n", encoding="utf-8")
    (tmp_path / "s.txt").write_text("who\n", encoding="utf-8")
    result = hearth(tmp_path, "run", "--script", "s.txt", env={"HEARTH_DATA_DIR": str(tmp_path / "d")}, stdin=b"")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "You are you" in result.stdout
    assert result.stderr.count("checkins.summary_floor") == 1, result.stderr
    assert "is 100" in result.stderr and "50 is used instead" in result.stderr
    assert "To silence this warning" in result.stderr


def test_an_unknown_flag_is_refused_with_the_subcommands_own_usage(capsys):
    """Trial 20 C3: `hearth screen --nosuch` printed the top-level usage, not `hearth screen`'s."""
    with pytest.raises(SystemExit) as stopped:
        main(["screen", "--nosuch"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: hearth screen") and "hearth screen: error: unrecognized arguments: --nosuch" in err


def test_screen_takes_phrases_as_moderators_name_the_setting():
    """`--phrases` is `--rules-only`: what `mod settings crisis_screen phrases` reads."""
    assert build_parser().parse_args(["screen", "--phrases"]).rules_only


def test_python_m_hearth_cli_starts_hearth_too(tmp_path):
    """`python -m hearth.cli` (the module the `hearth` command runs) did nothing at all and exited 0 (trial21 A2):
    someone told to run it saw a silent success. It starts Hearth as `python -m hearth` does."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    clean["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-m", "hearth.cli"], cwd=tmp_path, env=clean, input=b"help\nquit\n",
                            capture_output=True, timeout=120)
    out = result.stdout.decode("utf-8", "replace")
    assert result.returncode == 0, result.stderr
    assert "you> help" in out and "checkin join" in out
    assert (tmp_path / "hearth-data").is_dir()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_output_that_cannot_be_written_is_said_so_with_a_non_zero_exit(tmp_path):
    """Trial 23: `hearth keygen > /dev/full` said "something went wrong that I didn't expect (OSError …)". Every
    command that writes to stdout (a tool, the terminal itself) says its output couldn't be written, and exits 1."""
    import asyncio

    from bot.clock import ManualClock
    from bot.store.store import Store

    async def made() -> None:
        await (await Store.open(tmp_path / "data" / "hearth.db", ManualClock())).close()

    asyncio.run(made())
    (tmp_path / "script.txt").write_text("help\n", encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    env = clean | {"PYTHONPATH": str(ROOT), "HEARTH_DATA_DIR": str(tmp_path / "data")}
    for command in (["keygen"], ["check-config"], ["content", "lint"], ["screen", "--rules-only"], ["status"],
                    ["migrate", "--check"], ["--script", "script.txt"]):
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "hearth", *command], cwd=tmp_path, env=env, stdout=full,
                                    stderr=subprocess.PIPE, input=b"I want to die\n", timeout=120)
        said = result.stderr.decode()
        assert result.returncode == 1, (command, said)
        assert "hearth: I couldn't write my output (No space left on device)" in said, (command, said)
        assert "didn't expect" not in said and "Traceback" not in said and "Exception ignored" not in said, said


def test_a_reader_that_stops_reading_early_gets_no_complaint(tmp_path):
    """`hearth screen < lines | head -1`: the reader had what it wanted and closed the pipe; Hearth stops without a
    word on stderr (a broken pipe is no fault to report), exit 1 as Python's own advice has it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    env = clean | {"PYTHONPATH": str(ROOT), "HEARTH_DATA_DIR": str(tmp_path / "data")}
    lines = tmp_path / "lines.txt"
    lines.write_bytes(b"a quiet day\n" * 3_000)  # (more output than the pipe and the stream's buffer hold)
    with lines.open("rb") as given:
        reader = subprocess.Popen([sys.executable, "-m", "hearth", "screen", "--rules-only"], cwd=tmp_path, env=env,
                                  stdin=given, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None
    assert reader.stdout.readline().startswith(b"ok\t")
    reader.stdout.close()
    said = reader.stderr.read().decode()  # type: ignore[union-attr]
    assert reader.wait(timeout=120) == 1, said
    assert "couldn't write" not in said and "Traceback" not in said and "Exception ignored" not in said, said
