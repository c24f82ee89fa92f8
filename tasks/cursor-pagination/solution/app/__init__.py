"""Product catalog with cursor pagination."""
