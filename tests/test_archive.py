"""In-memory tar helpers used to move files in and out of containers."""

import io
import os
import tarfile
from pathlib import Path

from harness.archive import collect_tree, strip_prefix, tar_files, tar_members


def members_info(data: bytes) -> list[tuple[str, str, int, int, int]]:
    """(name, type, mode, uid, gid) for every entry, in archive order."""
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        return [
            (m.name, "dir" if m.isdir() else "file", m.mode, m.uid, m.gid) for m in tf.getmembers()
        ]


def test_round_trip_keeps_names_and_bytes() -> None:
    files = [("app/main.py", b"print(1)\n"), ("README.md", b""), ("app/db/x.bin", b"\x00\xff")]

    assert tar_members(tar_files(files)) == dict(files)


def test_parent_folders_are_added_once_and_owned_by_uid() -> None:
    data = tar_files(
        [("app/main.py", b"a"), ("app/db/models.py", b"b"), ("top.txt", b"c")],
        uid=1000,
        mode=0o600,
    )

    assert members_info(data) == [
        ("app", "dir", 0o755, 1000, 1000),
        ("app/main.py", "file", 0o600, 1000, 1000),
        ("app/db", "dir", 0o755, 1000, 1000),
        ("app/db/models.py", "file", 0o600, 1000, 1000),
        ("top.txt", "file", 0o600, 1000, 1000),
    ]


def test_default_owner_is_root_with_0644() -> None:
    assert members_info(tar_files([("f", b"x")])) == [("f", "file", 0o644, 0, 0)]


def test_empty_tar_has_no_members() -> None:
    assert tar_members(tar_files([])) == {}


def test_tar_members_leaves_out_dirs_and_symlinks() -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        folder = tarfile.TarInfo("d")
        folder.type = tarfile.DIRTYPE
        tf.addfile(folder)
        link = tarfile.TarInfo("d/link")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
        info = tarfile.TarInfo("d/f.txt")
        info.size = 2
        tf.addfile(info, io.BytesIO(b"hi"))

    assert tar_members(buf.getvalue()) == {"d/f.txt": b"hi"}


def test_collect_tree_skips_ignored_names_and_symlinks(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "__pycache__").mkdir(parents=True)
    (tmp_path / ".pytest_cache").mkdir()
    (tmp_path / "pkg" / "a.py").write_bytes(b"A")
    (tmp_path / "pkg" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"junk")
    (tmp_path / ".pytest_cache" / "v").write_bytes(b"junk")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".gitkeep").write_bytes(b"")
    (tmp_path / "z.txt").write_bytes(b"Z")
    os.symlink(tmp_path / "z.txt", tmp_path / "link.txt")

    assert collect_tree(tmp_path, "tests") == [("tests/pkg/a.py", b"A"), ("tests/z.txt", b"Z")]


def test_collect_tree_without_prefix_and_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"1")

    assert collect_tree(tmp_path) == [("a.txt", b"1")]
    assert collect_tree(tmp_path / "missing", "x") == []


def test_strip_prefix_keeps_only_members_under_it() -> None:
    members = {
        "workspace/app/main.py": b"1",
        "workspace/README.md": b"2",
        "workspace2/other.py": b"3",
        "top.txt": b"4",
    }

    expected = {"app/main.py": b"1", "README.md": b"2"}
    assert strip_prefix(members, "workspace") == expected
    assert strip_prefix(members, "workspace/") == expected
