"""An installed Hearth (no checkout beside the code) finds the built-in content its wheel put under its prefix."""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

from bot.content import default_content_dir, load_library, packs

ROOT = Path(__file__).resolve().parents[3]


def test_without_a_checkout_the_content_comes_from_the_prefix(tmp_path, monkeypatch):
    installed = tmp_path / "prefix" / "share" / "hearth" / "content"
    shutil.copytree(ROOT / "content", installed)
    site_packages = tmp_path / "prefix" / "lib" / "site-packages"
    monkeypatch.setattr(packs, "__file__", str(site_packages / "bot" / "content" / "packs.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    assert default_content_dir() == installed
    assert load_library(default_content_dir()).select(kind="reflection")  # a working library, not just a path


def test_a_checkout_uses_its_own_content():
    assert default_content_dir() == ROOT / "content"


def test_the_wheel_ships_every_file_of_content():
    """pyproject's data-files, globbed as setuptools does: a new content file is not left out of an install.
    The crisis screen's corpus is training data, not something Hearth reads when it runs: it stays behind."""
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    shipped = {(Path(target) / Path(p).name).as_posix()
               for target, patterns in data_files.items() for pattern in patterns for p in ROOT.glob(pattern)
               if target.startswith("share/hearth/content")}  # (share/hearth/deploy: tests/test_deploy.py)
    wanted = {("share/hearth" / f.relative_to(ROOT)).as_posix() for f in (ROOT / "content").rglob("*")
              if f.is_file() and "corpus" not in f.relative_to(ROOT).parts}
    assert shipped == wanted
