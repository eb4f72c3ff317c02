"""Safety: the crisis screen and the support resources it leads to."""

from bot.safety.content import SafetyContentError
from bot.safety.screen import Screen, ScreenResult

__all__ = ["SafetyContentError", "Screen", "ScreenResult"]
