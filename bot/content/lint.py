"""`hearth content lint [PATH...]`: check prompt packs and texts, show the counts.

With no paths it checks the built-in content (`content/packs/*.toml` and
`content/texts.toml`). A path may be a pack file, a `texts.toml`, a content
directory (one holding `packs/`), or a directory of packs.

Problems (anything the loader would refuse) make the exit code 1. Warnings
(a prompt whose words the care screen would answer as crisis or heavy: it
reaches many people, some on a hard day) and suggestions (style: one question
per prompt, invite rather than demand, no markup, no repeated texts) are
printed but only fail the run with `--strict`.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bot.content.errors import PackError
from bot.content.style import style_notes
from bot.content.packs import DEPTHS, KINDS, THEMES, Pack, cross_pack_problems, default_content_dir, load_pack
from bot.content.texts import CheckinTexts, load_texts
from bot.safety.content import SafetyContentError
from bot.safety.addressed import worth_a_second_look
from bot.safety.screen import Screen

TEXTS_FILE = "texts.toml"



def lint(paths: list[Path] | None = None, *, strict: bool = False,
         complete: tuple[str, ...] | None = None) -> tuple[int, str]:
    """Check packs (the built-in ones by default) and return (exit code, report). The built-in content's check
    includes Hearth's message catalogs (`bot.i18n_check`): a message missing in a language counts as a problem
    only for the languages declared complete (`COMPLETE`, or `complete`); for the others it is counted."""
    pack_files, texts_files = _collect(paths)
    problems: list[str] = []
    translations: list[str] = []
    if paths is None:
        from bot import i18n_check

        catalogs = i18n_check.check(complete=complete if complete is not None else i18n_check.COMPLETE)
        problems.extend(catalogs.problems)
        problems.extend(i18n_check.english_limits_problems())
        problems.extend(f"en: “{text[:60]}”: a count before a word in a message that isn't plural — use ngettext, "
                        "so “1 …” reads right" for text in i18n_check.uncounted_messages())
        translations = [f"{lang}: {catalogs.total - n} of {catalogs.total} messages translated"
                        + ("" if n else " (complete)") for lang, n in catalogs.missing.items()]
    warnings: list[str] = []
    suggestions: list[str] = []
    packs: list[Pack] = []
    checked: list[str] = []

    if not pack_files and not texts_files:
        problems.append("nothing to check — give a pack file, a texts.toml or a content directory")

    for path in pack_files:
        name = _display(path)
        try:
            pack = load_pack(path, name)
        except PackError as e:
            problems.extend(e.problems)
            checked.append(f"{name}  (not loaded: see problems)")
            continue
        packs.append(pack)
        checked.append(f"{name}  {pack.id} {pack.version}, {len(pack.prompts)} prompts")
        suggestions.extend(_style(pack, name))

    problems.extend(cross_pack_problems(packs))
    if paths is None:
        problems.extend(coverage_problems(packs))
    warnings.extend(_care(packs, problems))
    suggestions.extend(_repeated_texts(packs))

    for path in texts_files:
        name = _display(path)
        try:
            texts = load_texts(path, name)
        except PackError as e:
            problems.extend(e.problems)
            checked.append(f"{name}  (not loaded: see problems)")
            continue
        checked.append(f"{name}  {_texts_summary(texts)}")

    lines = ["Hearth content lint", ""]
    lines += [f"Checked {_plural(len(checked), 'file')}:"] + [f"  {c}" for c in checked] + [""]
    if problems:
        lines.append(f"Problems ({len(problems)}):")
        lines += [f"  ✗ {p}" for p in problems]
        lines.append("")
    if warnings:
        lines.append(f"Warnings ({len(warnings)}):")
        lines += [f"  ⚠ {w}" for w in warnings]
        lines.append("")
    if suggestions:
        lines.append(f"Suggestions ({len(suggestions)}):")
        lines += [f"  • {s}" for s in suggestions]
        lines.append("")
    if not problems and not suggestions and not warnings:
        lines += ["All clear: no problems found.", ""]
    elif not problems:
        only = " and ".join(kind for kind, found in (("warnings", warnings), ("suggestions", suggestions)) if found)
        lines += [f"No problems found (only {only}).", ""]
    if translations:
        lines.append("Hearth's own words (bot/locales; untranslated ones show in English):")
        lines += [f"  {t}" for t in translations]
        lines.append("")
    lines += _language_table(packs)
    lines += _tables(packs)

    failed = bool(problems) or (strict and bool(suggestions or warnings))
    return (1 if failed else 0), "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Entry point for `hearth content lint [PATH...] [--strict]`; prints the report."""
    parser = argparse.ArgumentParser(
        prog="hearth content lint",
        description="Check Hearth prompt packs and check-in texts, and show prompt counts.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="pack files, texts.toml or content directories (default: the built-in content)")
    parser.add_argument("--strict", action="store_true", help="fail on suggestions too, not just problems")
    parser.add_argument("--complete", metavar="LANGS", default=None,
                        help="languages whose catalogs must have every message, comma-separated (default: "
                             "those declared complete in bot/i18n_check.py)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed the usage
        return int(e.code or 0)
    complete = tuple(x.strip() for x in args.complete.split(",") if x.strip()) if args.complete else None
    code, report = lint(args.paths or None, strict=args.strict, complete=complete)
    print(report, end="")
    return code


# --------------------------------------------------------------------------


def _collect(paths: list[Path] | None) -> tuple[list[Path], list[Path]]:
    if paths is None:
        paths = [default_content_dir()]
    packs: list[Path] = []
    texts: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            if (path / "packs").is_dir():
                packs += sorted((path / "packs").glob("*.toml"))
                if (path / TEXTS_FILE).exists():
                    texts.append(path / TEXTS_FILE)
                continue
            for f in sorted(path.glob("*.toml")):
                (texts if f.name == TEXTS_FILE else packs).append(f)
        else:
            (texts if path.name == TEXTS_FILE else packs).append(path)
    return packs, texts


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _style(pack: Pack, name: str) -> list[str]:
    """The style checks a moderator adding a prompt in chat is told too (`bot.content.style`: one place)."""
    return [f'{name}: prompt "{p.id}": {note}' for p in pack.prompts for note in style_notes(p.text)]


CARE_WARNING = "reads like someone who may be in danger, or speaks of it to the reader (a moderator importing it " \
               "is asked to confirm)"


def _care(packs: list[Pack], problems: list[str]) -> list[str]:
    """Prompts whose words the care screen would answer: worth a second look before they reach people."""
    prompts = [(pack, p) for pack in packs for p in pack.prompts]
    if not prompts:
        return []
    try:
        screen = Screen.load(default_content_dir(), with_model=False)  # the phrases' alarm, as chat and imports ask
        screen.compiled()  # (every phrase group's regex compiles: `Screen.load` leaves them to a thread)
    except SafetyContentError as e:
        problems.append(f"the care screen could not load, so prompts were not screened: {e}")
        return []
    out = []
    for pack, p in prompts:
        if worth_a_second_look(screen.check(p.text).level, p.text):  # as in chat and imports (the alarm only)
            out.append(f'{pack.id}: prompt "{p.id}" {CARE_WARNING} — make sure it is what you mean to ask')
    return out


def _repeated_texts(packs: list[Pack]) -> list[str]:
    seen: dict[str, str] = {}
    out: list[str] = []
    for pack in packs:
        for p in pack.prompts:
            key = " ".join(re.findall(r"\w+", p.text.lower()))
            if key in seen:
                out.append(f'prompt "{p.id}" repeats the text of "{seen[key]}" — reword one or remove it')
            else:
                seen[key] = p.id
    return out


#: What each language's built-in packs hold at least (issue 24): every theme's reflections, and check-ins.
MIN_REFLECTIONS_PER_THEME = 12
MIN_CHECKINS = 40


def coverage_problems(packs: list[Pack]) -> list[str]:
    """Each language the built-in packs are in covers every theme as English does: at least
    `MIN_REFLECTIONS_PER_THEME` reflections on each, and `MIN_CHECKINS` check-in prompts."""
    from bot.engines.prompt_choice import pack_language

    by_language: dict[str, list] = {}
    for pack in packs:
        by_language.setdefault(pack_language(pack.language), []).extend(pack.prompts)
    out = []
    for lang, prompts in sorted(by_language.items()):
        for theme in THEMES:
            n = sum(1 for p in prompts if p.kind == "reflection" and p.theme == theme)
            if n < MIN_REFLECTIONS_PER_THEME:
                out.append(f"language {lang}: {n} reflection prompts on the theme “{theme}”; every language needs "
                           f"at least {MIN_REFLECTIONS_PER_THEME}")
        n = sum(1 for p in prompts if p.kind == "checkin")
        if n < MIN_CHECKINS:
            out.append(f"language {lang}: {n} check-in prompts; every language needs at least {MIN_CHECKINS}")
    return out


def _language_table(packs: list[Pack]) -> list[str]:
    from bot.engines.prompt_choice import pack_language

    languages = sorted({pack_language(p.language) for p in packs})
    if len(languages) < 2:
        return []
    lines = ["Prompts per language and kind", f"{'language':<10}  " + "  ".join(f"{k:>10}" for k in KINDS)]
    for lang in languages:
        counts = [sum(1 for pack in packs if pack_language(pack.language) == lang for p in pack.prompts if p.kind == k)
                  for k in KINDS]
        lines.append(f"{lang:<10}  " + "  ".join(f"{n:>10}" for n in counts))
    return lines + [""]


def _texts_summary(texts: CheckinTexts) -> str:
    return (f"{len(texts.moods)} moods, {len(texts.checkin)} check-in texts, "
            f"{len(texts.visibility)} visibility labels")


def _tables(packs: list[Pack]) -> list[str]:
    prompts = [p for pack in packs for p in pack.prompts]
    rows = [(f"{title} ({tid})", [sum(1 for p in prompts if p.theme == tid and p.kind == k) for k in KINDS])
            for tid, title in THEMES.items()]
    theme_table = _table("theme", rows, "all themes")
    rows = [(d, [sum(1 for p in prompts if p.depth == d and p.kind == k) for k in KINDS]) for d in DEPTHS]
    depth_table = _table("depth", rows, "all depths")
    return ["Prompts per theme and kind", *theme_table, "", "Prompts per depth and kind", *depth_table]


def _table(first: str, rows: list[tuple[str, list[int]]], total_label: str) -> list[str]:
    totals = [sum(r[1][i] for r in rows) for i in range(len(KINDS))]
    all_rows = [(label, counts + [sum(counts)]) for label, counts in rows]
    all_rows.append((total_label, totals + [sum(totals)]))
    heads = [*KINDS, "total"]
    w0 = max(len(first), *(len(label) for label, _ in all_rows))
    widths = [max(len(h), 5) for h in heads]
    fmt = lambda label, cells: "  ".join([label.ljust(w0), *(str(c).rjust(w) for c, w in zip(cells, widths))])  # noqa: E731
    out = [fmt(first, heads), "  ".join(["-" * w0, *("-" * w for w in widths)])]
    out += [fmt(label, counts) for label, counts in all_rows[:-1]]
    out.append(out[1])
    out.append(fmt(*all_rows[-1]))
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
