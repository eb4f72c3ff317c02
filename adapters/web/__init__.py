"""The moderators' web dashboard: one more surface, like Discord, Slack and the terminal.

HTTP forms become the core's `Event`s, run through `Hearth.handle` (the same
checks, audit entries and words as chat), and the `Reply`s come back as HTML
(`render`). Sign-in and sessions follow the core's rules (`bot.flows.dashboard`).
"""
