"""Customer accounts service."""
