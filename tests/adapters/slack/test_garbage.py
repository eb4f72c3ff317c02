"""Whatever reaches Slack's HTTP endpoint, signed or not, gets a 4xx at worst: never a 500 or a traceback.

The signature is checked on the raw bytes before anything is parsed; a body
that is not UTF-8, a `payload=` that is not a JSON object, a timestamp such
as `soon`, `1.5` or 400 digits: each is refused with a 400 or 401 and one
log line.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time

import pytest
from aiohttp import ClientSession
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.adapters.slack.conftest import SECRET

FORM = "application/x-www-form-urlencoded"


def signature(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    return "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()


def tracebacks(records: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage() for r in records if r.exc_info or "Traceback" in r.getMessage()]


def loud(records: list[logging.LogRecord]) -> list[str]:
    """What a request wrote to the log at INFO or above (Slack's own client chatter at DEBUG is fine)."""
    return [f"{r.name}: {r.getMessage()}" for r in records if r.levelno >= logging.INFO]


async def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    async with ClientSession() as session:
        async with session.post(url, data=body, headers=headers) as resp:
            return resp.status, await resp.text()


def now() -> str:
    return str(int(time.time()))


#: What the issue named, and its neighbours: (body, content type, timestamp, signed?, wanted status).
NAMED = [
    (b"payload=notjson", FORM, None, True, 400),
    (b"payload=%5B1%2C2%5D", FORM, None, True, 400),  # a list
    (b"payload=%22text%22", FORM, None, True, 400),  # a string
    (b"payload=null", FORM, None, True, 400),
    (b"\xff\xfe\x00garbage", FORM, None, True, 400),  # not UTF-8
    (b"[1, 2]", "application/json", None, True, 400),
    (b"{not json", "application/json", None, True, 400),
    (b"payload=notjson", FORM, None, False, 401),
    (b"\xff\xfe\x00garbage", FORM, None, False, 401),
    (b"command=%2Fhearth", FORM, "soon", True, 401),
    (b"command=%2Fhearth", FORM, "1.5", True, 401),
    (b"command=%2Fhearth", FORM, "9" * 400, True, 401),
    (b"command=%2Fhearth", FORM, "9" * 5000, True, 401),
    (b"command=%2Fhearth", FORM, "-1", True, 401),
    (b"command=%2Fhearth", FORM, "", True, 401),
]


@pytest.mark.parametrize("body,content_type,timestamp,signed,wanted", NAMED)
async def test_named_garbage_is_refused_with_one_line(side, caplog, body, content_type, timestamp, signed, wanted):
    caplog.set_level(logging.DEBUG)
    ts = now() if timestamp is None else timestamp
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": signature(body, ts) if signed else "v0=" + "0" * 64}
    status, _ = await post(side.app_url, body, headers)
    assert status == wanted
    assert tracebacks(caplog.records) == []
    assert len(loud(caplog.records)) == 1, loud(caplog.records)


async def test_a_signature_with_odd_characters_is_refused(side, caplog):
    caplog.set_level(logging.DEBUG)
    for sig in ("v0=é", "v0=" + "é" * 64, "", "v1=abc", "v0=" + "0" * 5000):
        caplog.clear()
        status, _ = await post(side.app_url, b"command=%2Fhearth",
                               {"Content-Type": FORM, "X-Slack-Request-Timestamp": now(), "X-Slack-Signature": sig})
        assert status == 401
        assert tracebacks(caplog.records) == []
        assert len(loud(caplog.records)) == 1


async def test_missing_headers_are_refused(side, caplog):
    caplog.set_level(logging.DEBUG)
    status, _ = await post(side.app_url, b"command=%2Fhearth", {"Content-Type": FORM})
    assert status == 401
    assert tracebacks(caplog.records) == []


_header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=60)
_bodies = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda t: ("payload=" + t).encode()),
    st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                 lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                 max_leaves=12).map(lambda v: __import__("json").dumps(v).encode()),
    st.sampled_from([b"payload=%7B%7D", b"{}", b"payload=%7B%22type%22%3A%22block_actions%22%7D",
                     b'{"type":"event_callback","event":[]}', b'{"type":"url_verification"}', b"command=%2Fhearth"]),
)
_timestamps = st.one_of(st.just(None), _header_text, st.integers(-10**12, 10**12).map(str),
                        st.from_regex(r"\A[0-9]{1,500}\Z"), st.sampled_from(["soon", "1.5", "", " 1", "+1"]))
_content_types = st.sampled_from([FORM, "application/json", "text/plain", "", f"{FORM}; charset=latin-1",
                                  "application/json; charset=utf-16", "multipart/form-data"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_bodies, content_type=_content_types, timestamp=_timestamps,
       how=st.sampled_from(["signed", "unsigned", "missing", "odd"]), odd=_header_text)
async def test_no_request_gets_a_500_or_a_traceback(side, caplog, body, content_type, timestamp, how, odd):
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    ts = now() if timestamp is None else timestamp
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts}
    if how == "signed":
        headers["X-Slack-Signature"] = signature(body, ts)
    elif how == "unsigned":
        headers["X-Slack-Signature"] = signature(body, ts, "not-the-secret")
    elif how == "odd":
        headers["X-Slack-Signature"] = odd
    status, _ = await post(side.app_url, body, headers)
    assert status < 500
    assert tracebacks(caplog.records) == []
    if how != "signed":
        assert status == 401
