"""Encryption at rest for private notes and private check-in answers, with Fernet from `cryptography`.

A note, or an answer kept private, is what someone was brave enough to write
for themselves alone; if the database file is copied, it should not be
readable. With `HEARTH_ENCRYPTION_KEY` set, that text is sealed before it
reaches the store and opened when read. A prefix marks sealed text, so words
written before a key was set still read as they are. Several comma-separated
keys allow rotation: the first seals, all of them open.

`hearth keygen` prints a new key (`main` below; the CLI wires it).
"""

from __future__ import annotations

import hashlib
import hmac

import logging
import sys
from typing import TYPE_CHECKING, Protocol

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.config import Config
from bot.errors import ConfigError, HearthError
from bot.store.postgres import is_postgres_url

if TYPE_CHECKING:
    from bot.store.store import Store

log = logging.getLogger(__name__)

KEY_ENV = "HEARTH_ENCRYPTION_KEY"
#: Set while `hearth rotate-key` moves every sealed text to it: it seals from then on, and the old key(s) still
#: open what is not moved yet. Once the rotation is done it becomes HEARTH_ENCRYPTION_KEY.
NEW_KEY_ENV = "HEARTH_NEW_ENCRYPTION_KEY"
#: Sealed text starts with this; anything else is read as plain text.
MARKER = "enc1:"
#: What sealed words read as when no key here can open them.
UNREADABLE = "(These words are encrypted with a key this Hearth doesn't have.)"


class Cipher(Protocol):
    """Seals text for the store and opens it again; and tells a fact apart without keeping it (`fingerprint`)."""

    def seal(self, text: str) -> str: ...

    def open(self, stored: str) -> str: ...

    def fingerprint(self, *parts: str) -> str: ...


def keyed_fingerprint(key: str, parts: tuple[str, ...]) -> str:
    """32 hex characters that tell these parts apart, keyed with `key` (HMAC-SHA256): whoever holds the database
    alone can't test a guess against them where there is a key."""
    return hmac.new(key.encode("utf-8"), "\0".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


class PlainCipher:
    """No key: text is stored as it is; sealed text can't be opened."""

    def fingerprint(self, *parts: str) -> str:
        return keyed_fingerprint("", parts)

    def seal(self, text: str) -> str:
        return text

    def open(self, stored: str) -> str:
        if stored.startswith(MARKER):
            log.warning("private words are encrypted but no encryption key is set")
            return UNREADABLE
        return stored


class FernetCipher:
    """Fernet (AES-128-CBC + HMAC-SHA256) with key rotation through MultiFernet."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ValueError("at least one key is needed")
        self._fernet = MultiFernet([Fernet(k.encode("ascii")) for k in keys])
        self._key = keys[0]

    def fingerprint(self, *parts: str) -> str:
        return keyed_fingerprint(self._key, parts)

    def seal(self, text: str) -> str:
        return MARKER + self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        if not stored.startswith(MARKER):
            return stored
        try:
            return self._fernet.decrypt(stored[len(MARKER):].encode("ascii")).decode("utf-8")
        except InvalidToken:
            log.warning("private words could not be decrypted with the configured key(s)")
            return UNREADABLE

    def opens(self, stored: str) -> bool:
        """Whether these sealed words open with a key here (checked at start, before anyone reads them)."""
        try:
            self._fernet.decrypt(stored[len(MARKER):].encode("ascii"))
            return True
        except (InvalidToken, ValueError):
            return False


def generate_key() -> str:
    """A fresh random key, as the text to put in HEARTH_ENCRYPTION_KEY."""
    return Fernet.generate_key().decode("ascii")


def parse_keys(value: str) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()]


def cipher_from_key(value: str | None, name: str = KEY_ENV) -> Cipher:
    """A cipher for the key setting; a bad key fails at start, never echoed."""
    if not value:
        return PlainCipher()
    try:
        return FernetCipher(parse_keys(value))
    except (ValueError, TypeError):
        raise ConfigError(name, "is not a valid key (it should be 44 characters of url-safe base64)",
                          "generate one with `hearth keygen`", f"${name}") from None


def configured_keys(config: Config) -> str | None:
    """The keys this Hearth reads with: the new one first while changing keys, then the one in use."""
    value = config.secret(KEY_ENV)
    new = config.secret(NEW_KEY_ENV)
    if new:
        cipher_from_key(new, NEW_KEY_ENV)  # a bad new key is named as such
        value = f"{new},{value}" if value else new
    return value


def note_cipher(config: Config) -> Cipher:
    """The cipher for this Hearth; warns once when a community's private words will be stored in the clear:
    when it serves Discord or Slack, or writes to a PostgreSQL database (a community's, even from a terminal).
    Not when someone tries Hearth in their terminal on a SQLite file: the words are their own, on their machine."""
    value = configured_keys(config)
    if not value and (config.serves_a_platform or is_postgres_url(str(config["database_url"] or ""))):
        log.warning("%s is not set: private notes and answers are stored unencrypted. "
                    "Generate a key with `hearth keygen` and set it to encrypt them.", KEY_ENV)
    return cipher_from_key(value)


class KeyProblem(HearthError):
    """The key setting can't open the private words already stored: Hearth doesn't start, and changes nothing."""


async def prepare_store(store: "Store") -> None:
    """At start, before anyone is answered: the stored private words and the key agree, and all of them are sealed.

    Sealed words that no key here opens (no key set, or the wrong one) stop Hearth with what to set: started anyway,
    it would show members "unreadable" in place of their words. With a key, every row still in plain text (written
    before the key was set, or by a Hearth without it) is sealed now, with progress logged
    (`bot.store.sealing.seal_plain`: resumable, safe beside other processes), so that what `privacy` says is true.
    """
    from bot.store.sealing import sealed_count, sealed_sample

    cipher = store.cipher
    if not isinstance(cipher, FernetCipher):
        problem = key_problem(cipher, await sealed_count(store.db), [])
    else:
        problem = key_problem(cipher, 0, await sealed_sample(store.db))
    if problem:
        raise KeyProblem(problem)
    await seal_stored(store)


def key_problem(cipher: Cipher, sealed: int, sample: list[str]) -> str | None:
    """Why the stored private words and the key don't agree (`sealed`: how many rows are sealed, asked when there
    is no key; `sample`: sealed words to try the key on), or None. A start (`prepare_store`) and `hearth
    check-config` (`bot.preflight`, on a SQLite file) say the same."""
    if not isinstance(cipher, FernetCipher):
        if not sealed:
            return None
        return (f"{sealed} private note(s) and answer(s) in this database are encrypted, but {KEY_ENV} is not set, "
                "so Hearth can't read them. Set it to the key they were encrypted with and start again. "
                "Nothing has been changed.")
    unopened = sum(1 for text in sample if not cipher.opens(text))
    if not unopened:
        return None
    return (f"{KEY_ENV} doesn't open the private notes and answers already encrypted in this database "
            f"({unopened} of the {len(sample)} checked). Set it to the key they were encrypted with (while changing "
            f"keys: the old one in {KEY_ENV} and the new one in {NEW_KEY_ENV}) and start again. "
            "Nothing has been changed.")


async def seal_stored(store: "Store") -> int:
    """Seal what of the private words is stored in plain text, with progress logged; how many were sealed. At start
    (`prepare_store`), and every few minutes after (`bot.flows.my_data`'s job): words a Hearth still running
    without the key writes meanwhile (a rolling restart) are sealed without waiting for the next start."""
    from bot.store.sealing import plain_left, seal_plain

    cipher = store.cipher
    if not isinstance(cipher, FernetCipher):
        return 0
    left = sum((await plain_left(store.db)).values())
    if not left:
        return 0
    log.info("encrypting %d private note(s) and answer(s) stored in plain text", left)

    def progress(table: str, done: int, total: int) -> None:
        log.info("encrypting stored %s: %d of %d done", table, done, total)

    done = await seal_plain(store.db, cipher.seal, after_batch=progress)
    log.info("encrypted %d stored private note(s) and answer(s)%s", sum(done.sealed.values()),
             f" ({sum(done.changed.values())} were changed meanwhile and left as written)"
             if any(done.changed.values()) else "")
    return sum(done.sealed.values())


def main(argv: list[str] | None = None) -> int:
    """`hearth keygen`: print a new key on stdout, and how to use it on stderr."""
    print(generate_key())
    print(f"Set this as {KEY_ENV} to encrypt private notes and answers at rest (those already stored are "
          "encrypted when Hearth next starts). Keep it safe: "
          f"they can't be read without it. To change a key in use: set this one as {NEW_KEY_ENV}, keep the old "
          f"one in {KEY_ENV}, restart, then run `hearth rotate-key` (docs/hosting.md).", file=sys.stderr)
    return 0
