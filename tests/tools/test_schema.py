import pytest

from harness.agent.builtin.tools.schema import ToolInputError, validate_args

SCHEMA = {
    "type": "object",
    "properties": {
        "file_path": {"type": "string"},
        "limit": {"type": "integer", "minimum": 1, "maximum": 10},
        "flag": {"type": "boolean"},
        "mode": {"type": "string", "enum": ["a", "b"]},
        "items": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {"x": {"type": "string"}},
                "required": ["x"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["file_path"],
    "additionalProperties": False,
}


def test_valid_args_pass_through_unchanged() -> None:
    args = {"file_path": "/a", "limit": 3, "flag": True, "mode": "b", "items": [{"x": "y"}]}
    assert validate_args(SCHEMA, args) == args


def test_coerces_common_wrong_json_types() -> None:
    args = {"file_path": "/a", "limit": "7", "flag": "false", "items": '[{"x": "y"}]'}
    assert validate_args(SCHEMA, args) == {
        "file_path": "/a",
        "limit": 7,
        "flag": False,
        "items": [{"x": "y"}],
    }
    assert validate_args(SCHEMA, {"file_path": "/a", "limit": 4.0})["limit"] == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({}, "missing required parameter `file_path` in input"),
        ({"file_path": "/a", "bogus": 1}, "unexpected parameter `bogus`"),
        ({"file_path": 3}, "`file_path` must be a string, got int"),
        ({"file_path": "/a", "limit": True}, "`limit` must be an integer, got bool"),
        ({"file_path": "/a", "limit": 0}, "`limit` must be at least 1, got 0"),
        ({"file_path": "/a", "limit": 11}, "`limit` must be at most 10, got 11"),
        ({"file_path": "/a", "mode": "c"}, "`mode` must be one of 'a', 'b', got 'c'"),
        ({"file_path": "/a", "items": []}, "`items` must have at least 1 item(s)"),
        ({"file_path": "/a", "items": [{}]}, "missing required parameter `x` in `items`[0]"),
        ("not json", "input must be an object, got str"),
    ],
)
def test_rejects_bad_args_with_a_message(args: object, message: str) -> None:
    with pytest.raises(ToolInputError) as info:
        validate_args(SCHEMA, args)
    assert str(info.value).startswith(message)
