"""Cutting or burning now, said with no "myself" (cut23, session 23): "cutting right now and i can't stop" got no
answer from the rules in English, Spanish, French and Portuguese (German's "ich ritze mich gerade" had it). The
stop that can't be made or the blood must be said: cutting onions, hair or toast right now stays everyday.
Sentences written for this test. The rules are the `cut23` blocks at the end of content/safety/*.toml."""

from __future__ import annotations

from tests.bot.safety.parity import kind_test, parity_tests

FAMILIES = {
    "cutting now, with no myself, and not able to stop or bleeding (crisis)": ("crisis", {
        "en": ["cutting right now and i can't stop", "cutting again rn, there's so much blood"],
        "es": ["cortándome ahora mismo y no puedo parar", "me estoy cortando otra vez ahora, hay sangre"],
        "de": ["ich ritze mich gerade und kann nicht aufhören"],
        "fr": ["je me coupe en ce moment et j'arrive pas à arrêter", "je me coupe là maintenant, ça saigne"],
        "pt": ["tô me cortando agora e não consigo parar", "estou me cortando de novo agora, tem sangue"],
    }),
    "cutting onions, hair or bread now, or burning toast (everyday)": ("ok", {
        "en": ["cutting onions right now and i can't stop crying lol",
               "burning the toast again right now, can't stop laughing"],
        "es": ["me estoy cortando el pelo ahora mismo, no puedo parar de reír"],
        "de": ["schneide gerade zwiebeln und kann nicht aufhören zu weinen"],
        "fr": ["je me coupe les cheveux en ce moment, j'arrive pas à arrêter de rire"],
        "pt": ["tô cortando cebola agora e não consigo parar de chorar kkkk"],
    }),
}

test_every_family_has_all_five_languages, test_all_five_languages_give_the_same_level = parity_tests(FAMILIES)
test_the_kind_fits_the_care_reply = kind_test(FAMILIES, {})
