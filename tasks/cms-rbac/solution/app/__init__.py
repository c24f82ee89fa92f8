"""A small CMS with roles and a publishing workflow."""
