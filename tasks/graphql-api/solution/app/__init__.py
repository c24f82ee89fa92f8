"""GraphQL API over authors, books and reviews."""
