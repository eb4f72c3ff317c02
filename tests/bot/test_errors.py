"""Every error Hearth raises on purpose is a `HearthError`, so one `except` says them all as they are."""

from __future__ import annotations

import pytest

from adapters.uploads import UploadRefused
from bot.content.errors import PackError
from bot.errors import ConfigError, ConfigErrors, HearthError, StoreError, UserError
from bot.ops.migrate_store import MigrationRefused
from bot.safety.content import SafetyContentError
from bot.safety.corpus import CorpusError
from bot.safety.model import ModelUnavailable
from bot.safety.patterns import PatternError
from hearth.runtime import AdapterUnavailable


@pytest.mark.parametrize("error", [UserError, ConfigError, ConfigErrors, StoreError, PackError, SafetyContentError,
                                   PatternError, CorpusError, ModelUnavailable, MigrationRefused, AdapterUnavailable,
                                   UploadRefused])
def test_each_explained_error_is_a_hearth_error(error: type[Exception]) -> None:
    assert issubclass(error, HearthError)


def test_the_older_bases_still_hold_for_callers_that_catch_them() -> None:
    assert issubclass(PackError, ValueError) and issubclass(SafetyContentError, ValueError)
    assert issubclass(ModelUnavailable, RuntimeError)

