"""deploy/hearth.service: systemd accepts it as written, it is hardened, and it starts Hearth the way the CLI parses."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import load
from hearth.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
UNIT = ROOT / "deploy" / "hearth.service"
INSTALLED_AT = "/opt/hearth/venv/bin/hearth"


def service() -> dict[str, list[str]]:
    """The [Service] section, each key with every value it is given."""
    section: dict[str, list[str]] = {}
    current = None
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("["):
            current = line
        elif current == "[Service]" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            section.setdefault(key, []).append(value)
    return section


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_systemd_analyze_verify_passes_without_a_warning(tmp_path):
    # The unit names where the docs install Hearth; here, this test's own `hearth` stands in for it.
    here = Path(sys.executable).parent / "hearth"
    assert here.exists(), "the hearth command is not installed in this environment"
    unit = tmp_path / "hearth.service"
    unit.write_text(UNIT.read_text(encoding="utf-8").replace(INSTALLED_AT, str(here)), encoding="utf-8")
    checked = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    assert "hearth.service" not in checked.stderr, checked.stderr  # no warning about it either


def test_the_unit_is_hardened_and_restarts_on_failure():
    s = service()
    assert s["User"] == ["hearth"] and s["Group"] == ["hearth"]
    for key, value in {"ProtectSystem": "strict", "PrivateTmp": "yes", "NoNewPrivileges": "yes",
                       "ProtectHome": "yes", "Restart": "on-failure", "StateDirectory": "hearth",
                       "KillSignal": "SIGTERM"}.items():
        assert s[key] == [value], key
    assert s["CapabilityBoundingSet"] == [""]
    # systemd waits longer than Hearth's own clean stop before it kills.
    assert int(s["TimeoutStopSec"][0]) > load(env={})["service.stop_seconds"] + 10


def test_the_unit_starts_hearth_with_arguments_the_command_line_accepts():
    (command, *args) = shlex.split(service()["ExecStart"][0])
    assert command == INSTALLED_AT
    parsed = build_parser().parse_args(args)
    assert parsed.command == "run" and parsed.config == "/etc/hearth/hearth.toml" and parsed.log_format == "json"
    assert "HEARTH_DATA_DIR=/var/lib/hearth" in service()["Environment"]


def test_an_install_from_the_package_carries_the_unit_and_the_example_config():
    import tomllib

    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    assert sorted(data_files["share/hearth/deploy"]) == ["config.example.toml", "deploy/hearth.service"]
    assert all((ROOT / f).is_file() for f in data_files["share/hearth/deploy"])
