"""The crisis screen: does this text suggest someone may be in danger, and how sure are we?

Two stages. The model (a multilingual sentence embedding and a head trained on
Hearth's corpus) reads meaning in any of five languages; then the rules do what
rules do well: a must-fire phrase is a crisis whatever the model says, and a
clear negation or a known figure of speech keeps a match from raising the alarm.
Two strengths of answer come out: "crisis" and the gentler "gentle".

If the model cannot load (a minimal install, a damaged file), the rules alone
screen every message and `unavailable` says why; nothing else changes.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.safety.addressed import of_the_writer_alone, to_another_alone
from bot.safety.model import Model, ModelUnavailable, load_model, package_version
from bot.safety.normalise import without_links
from bot.safety.rules import AllRules, PhraseRules, RuleVerdict  # noqa: F401  (PhraseRules: a type)

log = logging.getLogger(__name__)

Level = Literal["crisis", "gentle", "ok"]
#: Whose danger the words say, where the rules know (`bot.safety.content.KINDS`): the writer's own ("self", the
#: default, and always when the model decided), someone else's now, or the writer's from another person.
Kind = Literal["self", "someone_else", "harm_from_others"]
#: How far the model's reading goes (a community chooses: `crisis_screen`). "model", the default: what only the model
#: hears gets the gentle word (private, with the resources, no care note), and the crisis answer stays the phrases'
#: own, except where the model is sure (`Head.sure_at`), so the model adds answers and takes none away.
#: "model-crisis": the model's confident alarm is a crisis too, with the care note (`combine`). "phrases": the rules
#: alone. Why the default: the model hears danger in far more of the ways people say it, but at its crisis threshold
#: it also hears it in a few ordinary messages in a hundred, too many for care notes (bench/README.md, "The model as
#: the gentle word"); at its sure threshold, in about as few as the phrases do.
Reading = Literal["model", "model-crisis", "phrases"]
READINGS: tuple[Reading, ...] = ("model", "model-crisis", "phrases")
#: Weakest first (the flows' `STRENGTH` is this one).
STRENGTH_OF: dict[Level, int] = {"ok": 0, "gentle": 1, "crisis": 2}


@dataclass(frozen=True)
class ScreenResult:
    """`reason` names what decided (a phrase id, or "model"), never the text itself.

    `level` is the answer Hearth gives: "crisis" (resources, and the moderator note where the
    community turned it on), "gentle" (a short private word and the resources, no note) or "ok".
    `directed`: the words tell someone else to kill or hurt themselves ("kys", "go kill yourself"): a sign of
    nothing about the writer (whatever the level says of them), but words never posted for others to read as
    they are (`bot.flows.checkins`: held, and the writer told why).
    `kind`: whose danger, where a phrase that decided knows it (`Kind`): the care reply and the moderators' note
    fit it. The model knows no kind: what it decides is the writer's own ("self").
    """

    crisis: bool
    reason: str | None = None
    level: Level = "ok"
    directed: bool = False
    kind: Kind = "self"

    def __post_init__(self) -> None:
        if self.crisis and self.level != "crisis":
            object.__setattr__(self, "level", "crisis")

    @property
    def concern(self) -> bool:
        """Worth a private word: crisis or gentle."""
        return self.level != "ok"


OK = ScreenResult(False, None, "ok")

#: The fewest words the model reads without a pictograph beside them. It learnt from sentences: on a word or two
#: ("night", "fr", "gg") its chance means nothing, and said the crisis answer to some. The rules read every text,
#: and slang the corpus has in two words carries an emoji ("bye 🫡🪦"), which the model still reads.
MODEL_MIN_WORDS = 3


#: Where a sentence ends, for reading a phrase's own sentence apart (`Screen._phrase_sentences`).
_SENTENCE_END = re.compile(r"(?<=[.!?…;。！？])\s+|\n+")
#: The most sentences of one message read apart: a pasted wall of text must not cost a batch of a hundred.
_MOST_SENTENCES = 12


#: What is no word of a sentence: a platform's mention of a person or channel ("<@U1>", "<#C1>", "@everyone"); a
#: link's address is left out before (`normalise.without_links`).
_MENTIONS = re.compile(r"<[@#!][^>]*>|@\w+")
#: Words of one letter in the five languages ("I", "a", "y", "e", "o", "à", "é", "u"); any other lone letter is a
#: piece of markup or a link ("*ev* ~s~ [m](http://e.x)" read as seven words, and got the gentle word).
_ONE_LETTER_WORDS = frozenset("iayeoàéu")


#: One letter over and over ("nnnnnnnn", "aaaa") is no word either: the model's chance on it means nothing (a
#: check-in named "check-in 18 nnnnnnnnnnnnnnnnnnnnnnnnn" got 0.83, the gentle word, from a retrained head).
_ONE_LETTER_OVER = re.compile(r"(\w)\1{2,}", re.IGNORECASE)


def model_reads(text: str) -> bool:
    """Whether the model's chance means something for `text`: a few words, or fewer with a pictograph. Links,
    mentions and stray letters of markup are no words: on them the model's chance means nothing either."""
    said = _MENTIONS.sub(" ", without_links(text))
    words = [w for w in re.findall(r"[^\W\d_]+", said) if (len(w) > 1 or w.casefold() in _ONE_LETTER_WORDS)
             and not _ONE_LETTER_OVER.fullmatch(w)]
    if len(words) >= MODEL_MIN_WORDS:
        return True
    return any(unicodedata.category(ch) == "So" for ch in text)


def combine(verdict: RuleVerdict, chance: float | None, crisis_at: float, gentle_at: float,
            evidence_only: tuple[str, ...] | frozenset[str] = ()) -> Level:
    """The two stages together. A must-fire phrase is a crisis. A phrase that the train split showed to be often
    wrong (`evidence_only`) is a crisis too, unless the model read the message and is confident it is ok: its
    chance at most `1 - crisis_at`, as sure of ok as it must be of danger to raise the alarm alone; then the gentle
    word, never nothing. (It used to need the model's own alarm to be a crisis, so turning the model on lowered
    plain "ich ritze mich wieder", "I burned myself with a cigarette again" to the gentle word, and with it the
    care note: the stronger screen answered less than the rules alone, trial 15.) `chance` None: the model did not
    read the text (too short for its chance to mean anything: "suicde"), so the rules' answer stands.
    A clear negation or figure of speech keeps the model from raising the alarm (gentle at most); a phrase said
    beside a hyperbole marker (`RuleVerdict.softened`) earns the gentle word, whatever the model says; otherwise
    the model's chance against the two thresholds. Words telling someone else to harm themselves
    (`RuleVerdict.directed`) are no sign of the writer's danger: the model may hear the alarm in them, so, as
    after a negation, the gentle word at most."""
    if verdict.fired and verdict.fired not in evidence_only:
        return "crisis"
    if verdict.fired:
        return "gentle" if chance is not None and chance <= 1 - crisis_at else "crisis"
    if verdict.softened:  # said in jest, most often: the gentle word whatever the model says, never nothing
        return "gentle"
    chance = chance or 0.0
    level: Level = "crisis" if chance >= crisis_at else "gentle" if chance >= gentle_at else "ok"
    if (verdict.cancelled or verdict.directed) and level == "crisis":
        return "gentle"
    return level


def gentle_only(verdict: RuleVerdict, chance: float | None, heard_at: float, to_another: bool = False,
                sure_at: float | None = None) -> Level:
    """The default reading ("model"): the phrase rules' own answer, raised to the gentle word where they say nothing
    and the model's chance is at least `heard_at` (the head's crisis threshold: what it would call a crisis in
    "model-crisis"). A phrase's crisis stays a crisis, even one the model would talk down to the gentle word in
    "model-crisis" (`combine`): here the model only adds. Words telling someone else to harm themselves
    (`RuleVerdict.directed`) get nothing from the model: it hears the alarm in them, and they are no sign of the
    writer's danger (their writer is told why they are held, never "that sounded heavy"); nor do words the rules read
    as a clear negation or a known figure of speech ("I would never"), which is what rules do well, nor words
    spoken to someone else that say nothing of their writer (`to_another`: "please don't kill yourself, you matter",
    `bot.safety.addressed.to_another_alone`).
    Where the model is sure (`sure_at`, the head's: a chance so high that, on answers written apart from the corpus,
    it is almost never wrong) the crisis answer, with the care note where the community turned it on: someone who
    says plainly, in words no phrase knows, that they have the means at hand should not be told only "that sounded
    heavy"; a phrase said beside a laugh or a figure (softened) too, where the model is that sure. `check_many`
    passes no `sure_at` for words that may be of anyone else's danger (`addressed.of_the_writer_alone`: "you", "my
    brother", "he", a quote): the model knows no kind, and the care note would name the writer."""
    sure = sure_at is not None and chance is not None and chance >= sure_at
    if verdict.fired:
        return "crisis"
    if verdict.softened:
        return "crisis" if sure else "gentle"
    if verdict.directed or verdict.cancelled or to_another or chance is None:
        return "ok"
    if sure:
        return "crisis"
    return "gentle" if chance >= heard_at else "ok"


def _hand_back() -> None:
    """Let another thread have the interpreter: `load`'s thread does this after each group it compiles, so the event
    loop never waits behind a run of compiles (25–75 ms at a time in the first seconds after start without it,
    12–25 ms with it: `python -m bench screen-start`)."""
    time.sleep(0)


#: Why a screen loaded without its model reads with the rules alone, when nobody asked for the model.
MODEL_OFF = "the model is off; [safety] model = true turns it on"


def _rules_alone(v: RuleVerdict) -> ScreenResult:
    """The phrase rules' answer with no model: a phrase that fired is a crisis, one said in jest the gentle word."""
    if v.fired:
        return ScreenResult(True, v.fired, "crisis", bool(v.directed), _kind(v))
    if v.softened:
        return ScreenResult(False, v.softened, "gentle", bool(v.directed))
    return ScreenResult(False, v.directed, "ok", True) if v.directed else OK


def _kind(verdict: RuleVerdict) -> Kind:
    return "someone_else" if verdict.kind == "someone_else" else \
        "harm_from_others" if verdict.kind == "harm_from_others" else "self"


class Screen:
    """Rules plus (when it loaded) the model. Build once with `Screen.load`."""

    def __init__(self, rules: AllRules | PhraseRules, model: Model | None = None,
                 unavailable: str | None = None) -> None:
        self.rules = rules
        self.model = model
        self.unavailable = unavailable
        self._worker: ThreadPoolExecutor | None = None
        self._compiling: threading.Thread | None = None
        self._failed: Exception | None = None

    @classmethod
    def load(cls, content_dir: Path | None = None, *, with_model: bool = False, kept: Path | None = None) -> "Screen":
        """The rules (a bad phrase file stops Hearth) and, when asked for, the model (a failure only warns,
        once). Hearth asks for it unless `[safety] model = false` (`config.example.toml` says what each costs).
        `kept`: where the rules, once built, are kept for the next start (`AllRules.load`; Hearth keeps them in
        `bot.safety.built.cache_folder`).

        The cycle collector is paused while it loads (and left as it was found): loading makes hundreds of
        thousands of objects that all live on, and each pass of the collector walks every object of the process
        again (with a corpus or a store in memory, many times what the screen makes), for nothing it can free.

        The phrase groups' regexes are compiled when a message first needs one (`rules._Compiled`), and the rest
        on a thread of their own once the screen is loaded (`compiled` waits for it): compiling them all was half
        the load, and a message needs only the few whose words it holds."""
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            screen = cls._load(content_dir, with_model, kept)
        finally:
            if was_enabled:
                gc.enable()
        screen._compiling = threading.Thread(target=screen._compile_rest, name="hearth-screen-compile", daemon=True)
        screen._compiling.start()
        return screen

    def _compile_rest(self) -> None:
        try:
            self.rules.compile_all(between=_hand_back)
        except Exception as exc:  # (a message that needs the group meets the same error: `compiled` raises it)
            log.error("crisis screen: a phrase group's regex does not compile: %s", exc)
            self._failed = exc

    def compiled(self, timeout: float | None = None) -> bool:
        """Wait (at most `timeout` seconds) until every regex of the rules is compiled (`load` compiles them on a
        thread of its own); whether they all are. A screen not built by `load` compiles them here. A regex that
        does not compile raises its error here (`hearth content lint` waits for them all)."""
        if self._compiling is None:
            self.rules.compile_all()
            return True
        self._compiling.join(timeout)
        if self._failed is not None:
            raise self._failed
        return not self._compiling.is_alive()

    @classmethod
    def _load(cls, content_dir: Path | None, with_model: bool, kept: Path | None = None) -> "Screen":
        rules = AllRules.load(content_dir, kept)
        if not with_model:
            screen = cls(rules, None, MODEL_OFF)
            log.info("crisis screen: %s", screen.which)
            return screen
        try:
            model = load_model(content_dir)
            model.probabilities(["warm-up"])  # loads lazily held weights now, at start, not on a first message
        except ModelUnavailable as exc:
            log.warning("crisis screen: the model could not load (%s); screening with the phrase rules alone", exc)
            return cls(rules, None, str(exc))
        screen = cls(rules, model)
        log.info("crisis screen: %s", screen.which)
        return screen

    @property
    def model_failed(self) -> bool:
        """Whether the model was asked for and could not load (a broken file, a minimal install), as opposed to
        turned off: what Hearth tells moderators differs (the operator has it on already)."""
        return self.model is None and self.unavailable not in (None, MODEL_OFF)

    @property
    def which(self) -> str:
        """Which screen runs, in a line for people: `hearth screen` and the start log say it."""
        if self.model is None:
            return f"phrase rules only ({self.unavailable})"
        version = package_version(self.model.name)
        return f"model {self.model.name}" + (f" {version}" if version else "") + " + phrase rules"

    def check(self, text: str) -> ScreenResult:
        return self.check_many([text])[0]

    def check_many(self, texts: list[str], reading: Reading = "model-crisis") -> list[ScreenResult]:
        """Screen several texts; the model embeds them in one batch. `reading`: how far the model's reading goes
        (`Reading`; a flow passes its community's, `bot.flows.crisis_care.reading_of`); by default the whole
        two-stage screen, as the issue's targets measure it. Without a model loaded, the rules alone."""
        if self.model is None or reading == "phrases":
            return [_rules_alone(v) for v in (self.rules.check(without_links(t)) for t in texts)]
        head = self.model.head
        out = []
        for text, (v, chance) in zip(texts, self.readings(texts, decisive=reading == "model")):
            sure_at = head.sure_at if of_the_writer_alone(text) else None
            level = gentle_only(v, chance, head.crisis_at, to_another_alone(text), sure_at) \
                if reading == "model" else \
                combine(v, chance, head.crisis_at, head.gentle_at, head.evidence_only)
            reason = (v.fired if v.fired else "model") if level == "crisis" else \
                v.softened if v.softened and not v.fired else "model"
            decided = level == "crisis" and bool(v.fired)  # (a phrase decided, not the model's chance)
            out.append(ScreenResult(level == "crisis", reason if level != "ok" else v.directed, level,
                                    bool(v.directed), _kind(v) if decided else "self"))
        return out

    def readings(self, texts: list[str], decisive: bool = False) -> list[tuple[RuleVerdict, float | None]]:
        """What `check_many` weighs for each text, before any threshold: the rules' verdict and the model's chance
        (None where the model does not read the text or a must-fire phrase already decided: `combine`; with
        `decisive`, any phrase that fired, as in the default reading). Training chooses the thresholds on these,
        so they hold for the screen exactly as it runs. Needs the model."""
        if self.model is None:
            raise ModelUnavailable(self.unavailable or "readings need the model")
        texts = [without_links(t) for t in texts]
        verdicts = [self.rules.check(t) for t in texts]
        pending = [i for i, v in enumerate(verdicts)
                   if model_reads(texts[i]) and not self._decisive(v) and not (decisive and v.fired)]
        reads = [(i, texts[i]) for i in pending]
        reads += [(i, piece) for i in pending if verdicts[i].fired for piece in self._phrase_sentences(texts[i])]
        chances: dict[int, float] = {}
        if reads:
            for (i, _), chance in zip(reads, self.model.probabilities([t for _, t in reads])):
                chances[i] = max(chances.get(i, 0.0), chance)
        return [(v, chances.get(i)) for i, v in enumerate(verdicts)]

    def _phrase_sentences(self, text: str) -> list[str]:
        """The sentences of a longer text in which a phrase the model must confirm fired on its own. The model reads
        them apart as well, and the likelier reading counts: read whole, "Had pasta for lunch. I want to die." is
        mostly about lunch, and ordinary sentences around the phrase would talk the model down to the gentle word.
        A figure of speech lives in its own sentence ("I want to die, this meeting never ends"), so it still counts."""
        pieces = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
        if len(pieces) < 2:
            return []
        return [p for p in pieces[:_MOST_SENTENCES] if model_reads(p) and self.rules.check(p).fired]

    def _decisive(self, verdict: RuleVerdict) -> bool:
        """A must-fire phrase decides alone; the model need not run."""
        return bool(verdict.fired) and self.model is not None and verdict.fired not in self.model.head.evidence_only

    async def check_off_loop(self, texts: list[str], reading: Reading = "model-crisis") -> list[ScreenResult]:
        """`check_many`, run on the screen's own thread when the model is there (it takes milliseconds), so the
        event loop never waits on it. The rules alone take a millisecond or two and run on the loop, except while
        `load`'s thread is still compiling their regexes (the first seconds after start): a message then compiles
        the few it needs itself (up to a few hundred milliseconds), so it goes to the screen's thread too."""
        with_model = self.model is not None and reading != "phrases"
        if not texts or (not with_model and not self.compiling):
            return self.check_many(texts, "phrases")
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hearth-screen")
        return await asyncio.get_running_loop().run_in_executor(self._worker, self.check_many, texts,
                                                          reading if with_model else "phrases")

    @property
    def compiling(self) -> bool:
        """Whether `load`'s thread is still compiling the rules' regexes."""
        return self._compiling is not None and self._compiling.is_alive()
