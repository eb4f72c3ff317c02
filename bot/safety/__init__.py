"""Safety: the crisis screen and the support resources it leads to."""

from bot.safety.content import SafetyContentError
from bot.safety.replies import CareTexts, load_care_texts
from bot.safety.resources import RegionResources, Resources, care_message, load_resources, support_message
from bot.safety.rules import PhraseRules, RuleVerdict
from bot.safety.screen import Screen, ScreenResult

__all__ = ["CareTexts", "PhraseRules", "RegionResources", "Resources", "RuleVerdict", "SafetyContentError", "Screen",
           "ScreenResult", "care_message", "load_care_texts", "load_resources", "support_message"]
