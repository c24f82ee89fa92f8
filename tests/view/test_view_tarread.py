"""workspace.tar is hostile: names that climb out, links pointing out, devices, 200,000
entries, a 1 GB member, a pax header that claims a huge size. It is read in memory, within
caps, nothing is extracted and what is left out is said."""

import io
import os
import tarfile
import time
from pathlib import Path

from harness.reports.view.tarread import TarCaps, read_workspace, unsafe_name

GB = 1 << 30


def _entry(tf: tarfile.TarFile, name: str, data: bytes = b"", **attrs: object) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for key, value in attrs.items():
        setattr(info, key, value)
    tf.addfile(info, io.BytesIO(data) if data else None)


def hostile_tar(path: Path, secret: Path) -> None:
    """Every trick but the big ones: climbing and absolute names, links out, devices."""
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tf:
        _entry(tf, "workspace/app/main.py", b"print('hi')\n")
        _entry(tf, "workspace/../../escaped.py", b"bad")
        _entry(tf, "/tmp/absolute-evil.py", b"bad")
        _entry(tf, "workspace/leak", type=tarfile.SYMTYPE, linkname=str(secret))
        _entry(tf, "workspace/up", type=tarfile.SYMTYPE, linkname="../../../../etc/passwd")
        _entry(tf, "workspace/hard", type=tarfile.LNKTYPE, linkname=str(secret))
        _entry(tf, "workspace/dev", type=tarfile.CHRTYPE, devmajor=1, devminor=3)
        _entry(tf, "workspace/fifo", type=tarfile.FIFOTYPE)
        _entry(tf, "workspace/<img src=x onerror=alert(1)>.py", b"x = 1\n")


def big_member_tar(path: Path, size: int = GB) -> None:
    """A tar whose one member claims `size` bytes; the data is a hole (sparse file), so the
    test never writes it."""
    head = tarfile.TarInfo("workspace/big.bin")
    head.size = size
    small = tarfile.TarInfo("workspace/after.txt")
    small.size = 3
    with open(path, "wb") as f:
        f.write(head.tobuf(format=tarfile.GNU_FORMAT))
        f.seek(size, os.SEEK_CUR)
        f.write(small.tobuf(format=tarfile.GNU_FORMAT) + b"abc".ljust(512, b"\0"))
        f.write(b"\0" * 1024)


def many_files_tar(path: Path, n: int) -> None:
    """n empty files, headers patched from one template (quick to write)."""
    template = bytearray(tarfile.TarInfo("x").tobuf(format=tarfile.USTAR_FORMAT))
    template[0:100] = bytes(100)
    template[148:156] = b" " * 8
    base = sum(template)
    chunks = []
    for i in range(n):
        name = f"workspace/d/f{i}.txt".encode()
        h = bytearray(template)
        h[: len(name)] = name
        h[148:156] = b"%06o\0 " % (base + sum(name))
        chunks.append(bytes(h))
    path.write_bytes(b"".join(chunks) + bytes(1024))


def test_hostile_names_and_links_are_listed_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    tar = tmp_path / "run" / "workspace.tar"
    tar.parent.mkdir()
    hostile_tar(tar, secret)
    before = sorted(tmp_path.rglob("*"))

    ws = read_workspace(tar)

    assert sorted(tmp_path.rglob("*")) == before  # nothing extracted anywhere
    assert ws.files["app/main.py"].data == b"print('hi')\n"
    assert "<img src=x onerror=alert(1)>.py" in ws.files  # a name, shown escaped later
    assert ws.files["leak"].kind == "link" and ws.files["leak"].data is None
    assert "not followed" in ws.files["hard"].note
    assert ws.files["dev"].kind == "other" and ws.files["fifo"].data is None
    assert not any(m.data and b"TOPSECRET" in m.data for m in ws.files.values())
    left = "\n".join(ws.left_out)
    assert "escaped.py" in left and "absolute-evil.py" in left
    assert not (tmp_path / "escaped.py").exists()
    assert ws.error == ""


def test_a_1_gb_member_is_read_only_up_to_the_cap(tmp_path: Path) -> None:
    tar = tmp_path / "workspace.tar"
    big_member_tar(tar)
    t0 = time.monotonic()

    ws = read_workspace(tar, TarCaps(file_bytes=64 * 1024))

    assert time.monotonic() - t0 < 2
    big = ws.files["big.bin"]
    assert big.size == GB and big.data is not None and len(big.data) == 64 * 1024
    assert big.truncated
    assert ws.files["after.txt"].data == b"abc"  # the reader seeks past the hole


def test_the_byte_budget_is_shared_and_what_is_not_read_is_said(tmp_path: Path) -> None:
    tar = tmp_path / "workspace.tar"
    with tarfile.open(tar, "w") as tf:
        for i in range(5):
            _entry(tf, f"workspace/f{i}.txt", b"y" * 1000)

    ws = read_workspace(tar, TarCaps(file_bytes=800, total_bytes=2000))

    kept = [len(ws.files[f"f{i}.txt"].data or b"") for i in range(5)]
    assert kept == [800, 800, 400, 0, 0]
    assert "budget" in ws.files["f4.txt"].note


def test_200000_entries_stop_at_the_entry_cap(tmp_path: Path) -> None:
    tar = tmp_path / "workspace.tar"
    many_files_tar(tar, 200_000)
    t0 = time.monotonic()

    ws = read_workspace(tar)

    assert time.monotonic() - t0 < 10
    assert len(ws.files) == TarCaps().files
    left = "\n".join(ws.left_out)
    assert "more than 20,000 entries" in left
    assert "18,000 files beyond the first 2,000" in left


def test_a_pax_header_claiming_a_gigabyte_is_refused_not_allocated(tmp_path: Path) -> None:
    pax = tarfile.TarInfo("././@PaxHeader")
    pax.type, pax.size = tarfile.XHDTYPE, GB
    tar = tmp_path / "workspace.tar"
    with open(tar, "wb") as f:
        f.write(pax.tobuf(format=tarfile.USTAR_FORMAT))
        f.truncate(512 + GB)  # a hole: nothing is written

    ws = read_workspace(tar)

    assert ws.files == {}
    assert "damaged" in ws.error


def test_a_truncated_or_missing_archive_keeps_what_was_read(tmp_path: Path) -> None:
    tar = tmp_path / "workspace.tar"
    with tarfile.open(tar, "w") as tf:
        _entry(tf, "workspace/a.py", b"a = 1\n")
        _entry(tf, "workspace/b.py", b"b" * 5000)
    tar.write_bytes(tar.read_bytes()[:1536])

    ws = read_workspace(tar)

    assert ws.files["a.py"].data == b"a = 1\n"
    assert "damaged" in ws.error
    assert "missing" in read_workspace(tmp_path / "nope.tar").error


def test_unsafe_names() -> None:
    assert unsafe_name("/etc/passwd")
    assert unsafe_name("workspace/../../x")
    assert unsafe_name("workspace\\..\\x")
    assert not unsafe_name("workspace/a..b/c.py")
