"""Benchmarks: print their figures; not tests."""

import logging

# Every Hearth a benchmark starts (dozens, some in child processes, all of which import this package) would
# warn that private words are stored unencrypted: true of throwaway bench data, and it buries the progress lines.
logging.getLogger("bot.crypto").setLevel(logging.ERROR)
