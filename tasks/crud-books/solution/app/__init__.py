"""Library books service."""
