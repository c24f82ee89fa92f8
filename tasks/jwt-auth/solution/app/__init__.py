"""Notes service with JWT authentication."""
