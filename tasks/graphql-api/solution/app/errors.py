"""GraphQL errors carrying a machine-readable `extensions.code`."""

from graphql import GraphQLError


def error(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


def unauthenticated() -> GraphQLError:
    return error("authentication required", "UNAUTHENTICATED")


def forbidden(message: str = "not allowed") -> GraphQLError:
    return error(message, "FORBIDDEN")


def not_found(what: str) -> GraphQLError:
    return error(f"{what} not found", "NOT_FOUND")


def bad_input(message: str) -> GraphQLError:
    return error(message, "BAD_USER_INPUT")
