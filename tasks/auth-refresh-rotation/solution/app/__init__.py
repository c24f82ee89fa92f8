"""Accounts with JWT access tokens and rotating refresh tokens."""
