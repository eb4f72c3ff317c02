"""For each line on stdin: every language's crisis groups that match, how each match is judged, and the kind."""
import sys
from bot.safety.screen import Screen
s = Screen.load(with_model=False)
allr = s.rules if hasattr(s, 'rules') else None
if allr is None:
    for k, v in vars(s).items():
        if type(v).__name__ == 'AllRules': allr = v
for text in sys.stdin:
    text = text.strip()
    if not text: continue
    v = allr.check(text)
    print('##', v.fired or '-', 'kind=', v.kind, 'cancel=', v.cancelled, 'soft=', v.softened, '|', text)
    for lang, r in allr.by_language.items():
        canon = r.canonical(text)
        others = tuple(o for o in allr.by_language.values() if o is not r)
        figs = []
        for e in r.crisis:
            if e.needs is not None and not e.needs.search(canon): continue
            for m in e.regex.finditer(canon):
                print(f'   {lang} {e.id} [{canon[m.start():m.end()]}] -> {r._judge(e, canon, *m.span(), figs, text, others)}')
