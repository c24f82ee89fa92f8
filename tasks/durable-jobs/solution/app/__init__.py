"""Durable background jobs backed by the database."""
