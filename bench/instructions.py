"""python -m bench.instructions: instructions per `/checkin status` interaction, Hearth and the bare client.

A tool for judging a change to the Discord path, not a row of the table.
On this 2-core machine the same code gives discord ratios 0.05 apart from one
run to the next; the instructions valgrind counts move by 0.2 %. Each side
runs alone on its fake (as in `bench.discord`, 200 interactions a turn after
a full collection), under valgrind twice: with one turn and with six. The
difference over the 1,000 interactions between is the count per
interaction, start-up and shutdown cancelled out. Fake and client are
counted on both sides alike.

Needs valgrind (Debian's package; not a project dependency). About a
minute, the sides in parallel. Counts are not cycles: SQLite's and the
core's memory traffic costs Hearth more than its share of instructions, so
the ratio of counts runs 0.07–0.12 above the timed ratio (bench/README.md).
"""

from __future__ import annotations

import asyncio
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.discord import CHUNK, bare_side, drive, hearth_side

ROOT = Path(__file__).resolve().parent.parent
FEW, MANY = 1, 6
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


async def one_side(side: str, turns: int) -> None:
    """A warm-up, then `turns` turns of `CHUNK` interactions, each after a full collection."""
    tmp = Path(tempfile.mkdtemp(prefix="hearth-bench-instructions-"))
    bad: list[str] = []
    n = (turns + 2) * CHUNK
    try:
        async with (hearth_side(tmp, n, bad) if side == "hearth" else bare_side(n, bad)) as running:
            await drive(running, 2 * CHUNK)
            for _ in range(turns):
                gc.collect()
                await drive(running, CHUNK)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if bad:
        raise RuntimeError(f"{len(bad)} bad answers, e.g. {bad[0]}")


def counted(side: str, turns: int) -> int:
    """Instructions of a whole run of `one_side`, as valgrind counts them (hash seed fixed: same path each run)."""
    proc = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-m", "bench.instructions", "--side", side, str(turns)],
        cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"}, capture_output=True, text=True)
    found = _REFS.search(proc.stderr)
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"valgrind run of the {side} side failed:\n{proc.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_interaction(side: str) -> float:
    return (counted(side, MANY) - counted(side, FEW)) / ((MANY - FEW) * CHUNK)


def main() -> None:
    if sys.argv[1:2] == ["--side"]:
        asyncio.run(one_side(sys.argv[2], int(sys.argv[3])))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    print("counting instructions under valgrind (about a minute) …", file=sys.stderr, flush=True)
    with ThreadPoolExecutor(2) as pool:
        hearth, bare = pool.map(per_interaction, ["hearth", "bare"])
    print(f"hearth {hearth:,.0f} instructions/interaction\nbare   {bare:,.0f} instructions/interaction\n"
          f"ratio (bare / hearth) {bare / hearth:.3f}")


if __name__ == "__main__":
    main()
