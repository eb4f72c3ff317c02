"""Views: what a surface shows, as platform-neutral data built from the same functions the commands use.

Adapters render a view their own way (Slack's App Home as blocks; Discord and
the terminal as the `home` command's reply); none of them queries the store
or spells out a command to build one.
"""
