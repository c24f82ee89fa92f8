"""Multi-tenant projects and tasks."""
