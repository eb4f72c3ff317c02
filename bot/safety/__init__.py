"""Safety: the crisis screen and the support resources it leads to."""

from bot.safety.content import SafetyContentError
from bot.safety.resources import RegionResources, Resources, load_resources, support_message
from bot.safety.rules import PhraseRules, RuleVerdict
from bot.safety.screen import Screen, ScreenResult

__all__ = ["PhraseRules", "RegionResources", "Resources", "RuleVerdict", "SafetyContentError", "Screen",
           "ScreenResult", "load_resources", "support_message"]
