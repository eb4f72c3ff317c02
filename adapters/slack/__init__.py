"""The Slack adapter: `create(config)` for the runtime (see adapters/slack/app.py)."""

from adapters.slack.app import SlackAdapter, create

__all__ = ["SlackAdapter", "create"]
