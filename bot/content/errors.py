"""The one error the content loader raises, carrying every problem it found."""

from __future__ import annotations

from bot.errors import HearthError
from bot.i18n import ngettext


class PackError(HearthError, ValueError):
    """A pack or texts file has problems.

    `problems` lists every problem found (not just the first), each naming the
    file, the prompt id where there is one, what is wrong and how to fix it.
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems: list[str] = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0]
        n = len(self.problems)
        lines = [ngettext("{count} problem:", "{count} problems:", n).format(count=n)]
        lines += [f"- {p}" for p in self.problems]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._message()
