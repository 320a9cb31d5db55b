"""Hostile files, end to end through `kb validate`: each is refused with a clear message, in
bounded time and memory, and never with a traceback.

tests/test_validate.py checks that each rule fires at the right line; this suite plants the
files an attacker or an accident would leave in a data folder, and runs the real command.
The time bounds are generous: they prove that nothing hangs, not that anything is fast.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from comorbidity_kb.read.yaml_text import MAX_NODES
from tests.conftest import ROOT, VALID, Run

HANG = 10.0  # seconds: far beyond what any of these takes, short of a hang


def billion_laughs(root: Path) -> Path:
    path = root / "conditions" / "laughs.yaml"
    lines = ["id: laughs", "name: Laughs", "category: sleep", "description: x"]
    lines.append("a0: &a0 [" + ", ".join(["lol"] * 10) + "]")
    for i in range(1, 12):  # 10**12 values once expanded
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    path.write_text("\n".join(lines) + "\n")
    return path


def python_object_tag(root: Path) -> Path:
    path = root / "conditions" / "tagged.yaml"
    path.write_text(
        "id: tagged\nname: !!python/object/apply:os.system ['touch pwned']\n"
        "category: sleep\ndescription: x\n"
    )
    return path


def python_name_tag(root: Path) -> Path:
    path = root / "interventions" / "named.yaml"
    path.write_text("id: named\nname: x\ngoal: !!python/name:os.system\n")
    return path


def huge_file(root: Path) -> Path:
    # 100 MB, sparse: created instantly, and it must be refused by its size, unread.
    path = root / "citations" / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"id: huge\ntitle: ")
        handle.truncate(100 * 1024 * 1024)
    return path


def binary_file(root: Path) -> Path:
    path = root / "mechanisms" / "picture.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64)
    return path


def latin1_file(root: Path) -> Path:
    path = root / "conditions" / "latin.yaml"
    path.write_bytes(b"id: latin\nname: Caf\xe9\ncategory: sleep\ndescription: x\n")
    return path


def symlink_out(root: Path) -> Path:
    outside = root.parent / "outside.yaml"
    shutil.copyfile(VALID / "conditions" / "anxiety.yaml", outside)
    path = root / "conditions" / "outside.yaml"
    path.symlink_to(outside)
    return path


def symlink_to_device(root: Path) -> Path:
    path = root / "conditions" / "zero.yaml"
    path.symlink_to("/dev/zero")
    return path


def symlink_loop(root: Path) -> Path:
    path = root / "conditions" / "loop-a.yaml"
    path.symlink_to(root / "conditions" / "loop-b.yaml")
    (root / "conditions" / "loop-b.yaml").symlink_to(path)
    return path


def directory_named_yaml(root: Path) -> Path:
    path = root / "links" / "folder.yaml"
    path.mkdir()
    (path / "inside.yaml").write_text("id: inside\n")
    return path


def fifo_named_yaml(root: Path) -> Path:
    # Opening a FIFO blocks until someone writes to it: reading it would hang forever.
    path = root / "risk-factors" / "pipe.yaml"
    os.mkfifo(path)
    return path


# (plant the file, the rule, words the message must contain)
CASES: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "billion-laughs": (billion_laughs, "yaml-too-large", f"more than {MAX_NODES:,} values"),
    "python-object-tag": (
        python_object_tag,
        "yaml-unsafe-tag",
        "the tag !!python/object/apply:os.system is not allowed",
    ),
    "python-name-tag": (
        python_name_tag,
        "yaml-unsafe-tag",
        "the tag !!python/name:os.system is not allowed",
    ),
    "100-mb-file": (huge_file, "file-too-large", "the file is 104,857,600 bytes, over the"),
    "binary-file": (binary_file, "file-not-text", "the file is binary"),
    "not-utf8": (latin1_file, "file-encoding", "byte 0xe9 is not UTF-8"),
    "symlink-out-of-root": (symlink_out, "file-outside-root", "outside the data folder"),
    "symlink-to-device": (symlink_to_device, "file-outside-root", "a link to /dev/zero"),
    "symlink-loop": (symlink_loop, "file-unreadable", "symbolic link that loops"),
    "directory-named-yaml": (directory_named_yaml, "file-not-regular", "not a regular file"),
    "fifo-named-yaml": (fifo_named_yaml, "file-not-regular", "not a regular file"),
}


@pytest.fixture
def hostile_kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(VALID, root)
    return root


def relative(path: str, root: Path) -> str:
    return Path(path).resolve(strict=False).as_posix().split(f"{root.name}/", 1)[-1]


@pytest.mark.parametrize("case", CASES)
def test_each_hostile_file_is_refused_with_a_clear_message(
    case: str, hostile_kb: Path, kb: Run
) -> None:
    plant, rule, words = CASES[case]
    planted = plant(hostile_kb).relative_to(hostile_kb).as_posix()
    start = time.monotonic()
    result = kb("validate", str(hostile_kb), "--format", "json")
    assert time.monotonic() - start < HANG
    assert result.code == 1, result
    report = json.loads(result.out)
    hits = [
        d
        for d in report["diagnostics"]
        if d["rule"] == rule and d["path"].endswith(planted) and d["severity"] == "error"
    ]
    assert hits, report["diagnostics"]
    assert words in hits[0]["message"], hits[0]["message"]
    assert hits[0]["line"] >= 1
    # The hostile file is refused on its own: every good file is still read and checked.
    assert report["files"] >= len(list(VALID.glob("*/*.yaml")))
    others = [d for d in report["diagnostics"] if not d["path"].endswith(planted)]
    assert all(d["severity"] == "warning" or "loop" in d["message"] for d in others), others


def run_kb(*args: str) -> tuple[int, str, float, int]:
    """``kb`` in a fresh process: exit code, stdout+stderr, seconds, peak memory (KiB).

    The child is reaped with wait4, which reports that one process's peak memory
    (RUSAGE_CHILDREN would give the maximum over every child so far).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"kb-hostile-{os.getpid()}.out"
    with out_path.open("wb") as out_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "comorbidity_kb", *args],
            stdin=subprocess.DEVNULL,
            stdout=out_file,
            stderr=subprocess.STDOUT,
            env=env,
        )
        start = time.monotonic()
        deadline = start + 60
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                pytest.fail(f"kb {' '.join(args)} did not finish in 60 s")
            time.sleep(0.01)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    text = out_path.read_text("utf-8", "replace")
    out_path.unlink()
    return proc.returncode, text, seconds, usage.ru_maxrss


def test_every_hostile_file_at_once_in_a_fresh_process(hostile_kb: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(VALID, clean)
    _, _, _, baseline = run_kb("validate", str(clean))
    planted = {case: plant(hostile_kb) for case, (plant, _, _) in CASES.items()}

    code, out, seconds, rss = run_kb("validate", str(hostile_kb))
    assert code == 1, out
    assert "Traceback" not in out and "internal error" not in out, out
    for case, (_, rule, words) in CASES.items():
        name = planted[case].name
        assert any(
            name in line and f"[{rule}]" in line and words in line for line in out.splitlines()
        ), (
            case,
            out,
        )
    assert seconds < HANG
    # The 100 MB file and the alias bomb are refused without being held in memory:
    # the run costs about what validating the clean copy does (a generous 64 MiB margin).
    assert rss < baseline + 64 * 1024, (rss, baseline)


def test_queries_survive_a_hostile_data_folder(hostile_kb: Path) -> None:
    for plant, _, _ in CASES.values():
        plant(hostile_kb)
    code, out, seconds, _ = run_kb("show", "insomnia", "--data", str(hostile_kb))
    assert code == 0, out
    assert "Traceback" not in out and "internal error" not in out, out
    assert "Insomnia" in out and "left out" in out
    assert seconds < HANG
