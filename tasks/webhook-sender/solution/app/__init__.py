"""Outbound webhook sender."""
