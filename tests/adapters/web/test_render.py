"""Replies as HTML: Hearth's markup becomes tags, what people typed stays text."""

from __future__ import annotations

from adapters.web.render import rich_html
from bot.events import ChannelRef, Rich, rich


def test_user_text_is_escaped_and_markup_is_not_taken_from_it() -> None:
    html = str(rich_html(rich("**Saved {}**", "<script>alert(1)</script> **not bold** _x_")))
    assert html == "<strong>Saved &lt;script&gt;alert(1)&lt;/script&gt; **not bold** _x_</strong>"


def test_styles_are_well_formed_when_they_overlap() -> None:
    html = str(rich_html(Rich(("**a _b** c_ `d` and a_name",))))
    assert html == "<strong>a <em>b</em></strong><em> c</em> <code>d</code> and a_name"


def test_code_blocks_lines_and_channels() -> None:
    html = str(rich_html(rich("one\n```\n1 < 2\n```\n") + Rich((ChannelRef("discord:123"),))))
    assert html == "one<br>\n<pre>1 &lt; 2\n</pre>#123"


def test_italic_around_someones_words_is_a_tag_and_their_own_marks_stay_as_typed():
    """"_{}_" around a prompt: its marks sit at the ends of Hearth's parts, next to someone's words."""
    html = str(rich_html(rich("**#3** · " + "_{}_\n{}", "What did that teach you?", "my_own **words** _x_ <b>")))
    assert html == "<strong>#3</strong> · <em>What did that teach you?</em><br>\nmy_own **words** _x_ &lt;b&gt;"
