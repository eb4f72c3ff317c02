"""Per-language tallies of a `hearth screen` or `rules_dev --probe` output against a blind TSV."""
import sys, collections
tsv, out, mode = sys.argv[1:4]
rows = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8')]
if mode == 'screen':
    levels = [l.split('\t', 1)[0] for l in open(out, encoding='utf-8')]
else:
    raised = {}
    for l in open(out, encoding='utf-8'):
        p = l.rstrip('\n').split('\t')
        if len(p) == 4: raised[p[3]] = p[0]
    levels = [raised.get(r[3], 'ok') for r in rows]
c = collections.Counter(); n = collections.Counter()
for r, lv in zip(rows, levels):
    n[r[1]] += 1
    if lv != 'ok': c[r[1], lv] += 1
for lang in ['en','es','de','fr','pt']:
    print(lang, n[lang], 'crisis', c[lang,'crisis'], 'gentle', c[lang,'gentle'], 'raised', c[lang,'crisis']+c[lang,'gentle'])
print('all', sum(n.values()), 'raised', sum(c.values()))
if len(sys.argv) > 4:
    for r, lv in zip(rows, levels):
        if (lv == 'ok') == (sys.argv[4] == 'raised'): pass
        elif sys.argv[4] in ('raised','ok'): print(lv, r[0], r[1], r[3], sep='\t')
