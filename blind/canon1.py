import sys
from bot.safety.screen import Screen
s = Screen.load(with_model=False)
a = [v for v in vars(s).values() if type(v).__name__ == 'AllRules'][0]
for t in sys.stdin:
    lang, t = t.strip().split(' ', 1)
    print(lang, '|', a.by_language[lang].canonical(t))
