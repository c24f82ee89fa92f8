"""API routers, one module per API version."""
