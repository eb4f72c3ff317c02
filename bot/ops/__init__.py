"""Operator tools that run beside Hearth rather than inside it (e.g. `hearth migrate-store`)."""
