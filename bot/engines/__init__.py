"""Engines: what runs on the clock or serves several flows, with no command of its own.

`rounds` opens, reminds and closes check-in rounds; `retention` purges what
is past its time; `prompt_choice` picks prompts. Flows (`bot.flows`) may use
them; they use no flow. An engine that runs on the clock declares its jobs on
its own router, listed in `bot.features` like a flow's.
"""
