"""Insights: how a community's check-ins go over weeks, as numbers nobody can be singled out from."""
