"""The layers hold: `lint-imports` checks the contracts in pyproject.toml, here so CI runs it with every test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LINT, "--no-cache", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_the_import_contracts_hold():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contracts_say_what_the_layers_are():
    from importlinter.api import read_configuration

    forbidden: dict[str, set[str]] = {}
    for contract in read_configuration(str(ROOT / "pyproject.toml"))["contracts_options"]:
        assert contract["type"] == "forbidden", contract["name"]
        for source in contract["source_modules"]:
            forbidden.setdefault(source, set()).update(contract["forbidden_modules"])
    assert {"adapters", "hearth", "discord", "slack_bolt", "slack_sdk", "aiohttp"} <= forbidden["bot"]
    assert {"bot.flows", "bot.engines", "bot.features"} <= forbidden["bot.scheduling"]
    assert {"bot.flows", "bot.features"} <= forbidden["bot.engines"]
    assert "bot.store" in forbidden["bot.delivery"]  # the outbox's OutboxStore protocol, not the store
    assert {"bot.flows", "bot.engines", "bot.delivery", "bot.ops"} <= forbidden["bot.store"]


def test_a_broken_contract_is_reported(tmp_path):
    """The check reads this code, not an empty package: a rule the code breaks on purpose fails it."""
    config = tmp_path / "broken.toml"
    config.write_text('[tool.importlinter]\nroot_packages = ["bot"]\n\n[[tool.importlinter.contracts]]\n'
                      'name = "Hearth has no features (false: bot.app composes them)"\ntype = "forbidden"\n'
                      'source_modules = ["bot.app"]\nforbidden_modules = ["bot.features"]\n', encoding="utf-8")
    result = lint_imports(str(config))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout and "bot.app -> bot.features" in result.stdout
