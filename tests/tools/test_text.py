from harness.agent.builtin.tools.text import (
    LineWindow,
    cut_line,
    number_lines,
    split_lines,
    truncate_head,
    truncate_middle,
)


def test_split_lines_drops_final_newline_and_carriage_returns() -> None:
    assert split_lines("a\r\nb\n") == ["a", "b"]
    assert split_lines("a\n\n") == ["a", ""]
    assert split_lines("") == []


def test_number_lines_is_cat_n_style() -> None:
    assert number_lines("foo\nbar\n", 1, 2000) == LineWindow(
        text="     1\tfoo\n     2\tbar", first=1, last=2, total=2
    )


def test_number_lines_window_from_offset() -> None:
    text = "".join(f"l{i}\n" for i in range(1, 11))
    assert number_lines(text, 4, 2) == LineWindow(
        text="     4\tl4\n     5\tl5", first=4, last=5, total=10
    )
    assert number_lines(text, 0, 1).text == "     1\tl1"


def test_number_lines_past_the_end_is_empty() -> None:
    assert number_lines("a\n", 5, 10) == LineWindow(text="", first=5, last=4, total=1)


def test_cut_line_keeps_2000_characters() -> None:
    assert cut_line("x" * 2000) == "x" * 2000
    assert cut_line("x" * 2005) == "x" * 2000 + "... [line truncated, 5 more characters]"


def test_truncate_middle_keeps_head_and_tail() -> None:
    assert truncate_middle("abcdef", 6) == "abcdef"
    assert truncate_middle("abcdefghij", 4) == "ab\n\n... [6 characters truncated] ...\n\nij"


def test_truncate_head_adds_hint() -> None:
    assert truncate_head("abcdef", 4, "narrow it") == (
        "abcd\n\n... [2 more characters truncated; narrow it]"
    )
