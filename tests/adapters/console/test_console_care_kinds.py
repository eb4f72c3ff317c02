"""What a person sees in the terminal when they write of a friend in danger, or of a partner's threat (trial 15, §4):
the real terminal adapter, driven by a script, on a real SQLite data folder. The core chose the reply; the terminal
only shows it."""

from __future__ import annotations

from tests.adapters.console.test_console_script import run_script


def test_a_friend_in_danger_and_a_partners_threat_each_get_their_own_reply_and_note(tmp_path, capsys):
    out = run_script(tmp_path, """\
as mia mod
mod settings alert_channel care-team
dee: me region us
dee: my friend just texted me that she's going to kill herself tonight, what do I do
eve: me region us
eve: my partner hit me again and said he'd kill me if I leave
advance 20m
""", capsys)
    friend = out.split("my friend just texted me", 1)[1].split("eve: me region", 1)[0]
    assert "It sounds like someone you care about may be in danger." in friend
    assert "call emergency services for them" in friend and "help people who are supporting someone" in friend
    assert "things may be really hard right now" not in friend
    partner = out.split("my partner hit me again", 1)[1]
    assert "What you wrote sounds like someone may be hurting or threatening you." in partner
    assert "not your fault" in partner
    assert "National Domestic Violence Hotline" in partner and "1-800-799-7233" in partner
    assert partner.index("National Domestic Violence Hotline") < partner.index("988 Suicide & Crisis Lifeline")
    care = [block for block in out.split("\n[") if block.startswith("#care-team")]
    notes = "\n".join(care)
    assert "dee wrote about someone else who may be in danger" in notes
    assert "eve may need some support right now" in notes
    assert "kill" not in notes and "friend" not in notes and "partner" not in notes
