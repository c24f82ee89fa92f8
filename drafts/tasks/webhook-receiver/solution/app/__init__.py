"""Inbound webhook receiver."""
