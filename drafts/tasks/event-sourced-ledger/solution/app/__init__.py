"""Event-sourced ledger."""
