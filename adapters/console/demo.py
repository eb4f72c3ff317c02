"""`hearth demo`: a newcomer's tour of one whole check-in, in under a minute."""

DEMO_SCRIPT = """\
# A moderator, Mia, sets up an evening check-in in #general.
as mia mod
mod schedule create evening-circle #general daily 19:00 timezone=UTC open=30m remind=10m
press 1
# Four members join; Ann, Cy and Eve would like a reminder if they forget.
as ann
checkin join evening-circle reminders=yes
as bob
checkin join evening-circle
as cy
checkin join evening-circle reminders=yes
as eve
checkin join evening-circle reminders=yes
# The clock jumps to just before seven; the round opens a few seconds later.
at 18:59:57
sleep 4
# Members answer: with their name, anonymously, or privately.
as ann
checkin answer 4 shared Walked home the long way, in the sun.
as bob
checkin answer 2 anonymous Long week. Glad to be here anyway.
as dee
checkin answer 3 private Not sure yet how I feel.
as cy
# Cy presses a mood button on the round post instead (3 = Okay) and fills in the form:
# an empty line keeps the mood, then the words, then who sees them.
press 3

Talked to my sister for the first time in a while.
shared
# Dee asks for a private reflection and keeps a note.
as dee
reflect listening
press 2
I want to put my phone away when friends talk to me.
# Twenty minutes on, Eve hasn't answered: she gets a gentle reminder by DM.
advance 21m
# The round closes with its summary: a count and the mood spread, no names.
advance 10m
as ann
me history
"""
