#!/bin/bash
# rules-only probe of both blind files, with per-language tallies
cd /work/wt/fa22
PYTHONPATH=. nice -n 10 .venv/bin/python -m bench.rules_dev --probe blind/ordinary.txt > /tmp/fa22_ord.txt 2>/tmp/fa22_err.txt || { tail -n 1 /tmp/fa22_err.txt; exit 1; }
PYTHONPATH=. nice -n 10 .venv/bin/python -m bench.rules_dev --probe blind/crisis.txt > /tmp/fa22_cr.txt 2>/tmp/fa22_err.txt
python3 blind/tally.py blind/ordinary.tsv /tmp/fa22_ord.txt probe
python3 blind/tally.py blind/crisis.tsv /tmp/fa22_cr.txt probe
diff <(cut -f4 /tmp/fa22_before_cr.txt | sort) <(cut -f4 /tmp/fa22_cr.txt | sort) && echo "crisis guard: same lines raised"
