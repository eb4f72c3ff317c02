"""What help states about this Hearth's own settings: `{default_open}` in a description, filled from its config.

An option's description is one msgid for every surface and language (typed help, a form's placeholder,
Discord's command list); a default an operator may change can't be written into it. It names the fact instead,
and each surface fills it in here (`Registry.facts` holds the values).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Mapping

from bot.i18n import _

if TYPE_CHECKING:
    from bot.commands.registry import Option

_FACT = re.compile(r"\{([a-z_]+)\}")


def with_facts(text: str, facts: Mapping[str, str]) -> str:
    """`text` with each `{name}` this Hearth knows filled in; any other brace left as it is."""
    return _FACT.sub(lambda m: facts.get(m[1], m[0]), text) if "{" in text else text


def described(option: "Option", facts: Mapping[str, str]) -> str:
    """An option's description as shown: in the language in use, with this Hearth's facts filled in."""
    return with_facts(_(option.description), facts)
