import sys
from bot.safety.screen import Screen
s = Screen.load(with_model=False)
a = [v for v in vars(s).values() if type(v).__name__ == 'AllRules'][0]
for t in sys.stdin:
    t = t.strip()
    for lang, r in a.by_language.items():
        print(lang, '|', r.canonical(t))
