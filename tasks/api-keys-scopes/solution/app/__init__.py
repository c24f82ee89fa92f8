"""Items API for machine clients authenticated with scoped API keys."""
