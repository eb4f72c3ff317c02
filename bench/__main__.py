"""python -m bench [--quick] [--json FILE] [NAME ...]

Runs the benchmarks (all, or the ones named), one fresh process each, with a
progress line per benchmark on stderr, then prints one table: each figure
beside the limit it is held against, measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import time
from pathlib import Path

from bench.registry import BENCHMARKS, Context, Measurement, Row

ROOT = Path(__file__).resolve().parent.parent


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run_child(name: str, quick: bool) -> Measurement:
    """One benchmark in a fresh interpreter; its measurement comes back as JSON on stdout."""
    cmd = [sys.executable, "-m", "bench", "--child", name] + (["--quick"] if quick else [])
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark {name} failed (exit {proc.returncode})")
    last = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")][-1]
    return Measurement.from_json(json.loads(last))


def measure_here(name: str, ctx: Context) -> Measurement:
    module = importlib.import_module(BENCHMARKS[name].module)
    return module.measure(ctx)


def plan(names: list[str]) -> list[str]:
    """The benchmarks to run, dependencies first, each once."""
    order: list[str] = []

    def visit(name: str) -> None:
        for need in BENCHMARKS[name].needs:
            visit(need)
        if name not in order:
            order.append(name)

    for name in names:
        visit(name)
    return order


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"


def table(rows: list[Row]) -> str:
    head = ("benchmark", "figure", "unit", "limit", "ratio", "target", "ok", "notes")
    body = [(r.name, fmt(r.figure), r.unit, fmt(r.limit), fmt(r.ratio), r.target,
             "—" if r.ok is None else ("yes" if r.ok else "NO"), r.notes) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    widths[-1] = 0  # notes: don't pad
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(head), line(["-" * w for w in widths[:-1]] + ["-----"])] + [line(b) for b in body])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Hearth's benchmarks.")
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"some of: {', '.join(BENCHMARKS)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes: a smoke run, figures not comparable")
    parser.add_argument("--json", metavar="FILE", help="also write one JSON object per row to FILE")
    parser.add_argument("--child", metavar="NAME", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:  # inside the fresh process: measure, print JSON
        measurement = measure_here(args.child, Context(quick=args.quick))
        print(json.dumps(measurement.to_json()), flush=True)
        return 0

    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    wanted = args.names or list(BENCHMARKS)
    order = plan(wanted)
    results: dict[str, Measurement] = {}
    failed: list[str] = []
    started = time.perf_counter()
    for i, name in enumerate(order, 1):
        bench = BENCHMARKS[name]
        progress(f"[{i}/{len(order)}] {name}: {bench.summary} …")
        t0 = time.perf_counter()
        try:
            if bench.isolated:
                results[name] = run_child(name, args.quick)
            else:
                results[name] = measure_here(name, Context(args.quick, {n: results[n] for n in bench.needs}))
        except Exception as err:  # report, and carry on with the others
            failed.append(name)
            progress(f"[{i}/{len(order)}] {name}: FAILED: {err}")
            continue
        figures = ", ".join(f"{r.name} {fmt(r.figure)} {r.unit}" for r in results[name].rows)
        progress(f"[{i}/{len(order)}] {name}: {figures} ({time.perf_counter() - t0:.1f} s)")

    rows = [row for name in order if name in wanted and name in results for row in results[name].rows]
    print(table(rows))
    print(f"\n{len(rows)} rows in {time.perf_counter() - started:.0f} s"
          + (" (--quick: smoke sizes)" if args.quick else "")
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
