"""20 queries at once while a file is being edited: none crashes, and none answers older
than the files were when it started (the cache, written before the edits, is never served
for a file that changed since, even when the edit keeps the size and puts the mtime back)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.adversarial.conftest import SRC, age

QUERIES = 20


class Editor(threading.Thread):
    """Edits insomnia.yaml to version 1, 2, ... in place: one write of the four digits (so
    a reader sees one version or the next), the same size, and the old mtime put back. The
    folder does not change (no rename): only the file's ctime tells."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.template = path.read_text().replace("description:", "description: Version {:04d}.")
        self.version = 0  # the last version completely written
        self.stop = threading.Event()
        self.mtime = path.stat().st_mtime_ns

    def write(self, version: int) -> None:
        text = self.template.format(version).encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT)
        try:
            if version == 0:
                os.ftruncate(fd, 0)
                os.write(fd, text)
            else:
                offset = text.index(b"Version ") + len(b"Version ")
                os.pwrite(fd, text[offset : offset + 4], offset)
        finally:
            os.close(fd)
        os.utime(self.path, ns=(self.mtime, self.mtime))  # as `touch -d` would
        self.version = version

    def run(self) -> None:
        version = 1
        while not self.stop.is_set():
            self.write(version)
            version += 1
            time.sleep(0.05)


def test_concurrent_queries_while_files_change(valid_kb: Path, tmp_path: Path) -> None:
    path = valid_kb / "conditions" / "insomnia.yaml"
    editor = Editor(path)
    editor.write(0)
    age(valid_kb)
    editor.mtime = path.stat().st_mtime_ns  # every edit puts this (old) mtime back
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": SRC, "KB_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "comorbidity_kb", "show", "insomnia", "--data", str(valid_kb)]
    time.sleep(2.1)  # out of the racy window, so that the next query writes the cache
    warm = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert "Version 0000" in warm.stdout and os.listdir(cache), warm.stderr

    editor.start()
    running: list[tuple[int, subprocess.Popen[str]]] = []
    try:
        for _ in range(QUERIES):
            time.sleep(0.03)
            started_at = editor.version  # the files as they are when the query starts
            proc = subprocess.Popen(
                command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            running.append((started_at, proc))
        answers = [(started_at, *proc.communicate(timeout=120)) for started_at, proc in running]
    finally:
        editor.stop.set()
        editor.join()
        for _, proc in running:
            if proc.poll() is None:
                proc.kill()
    for (started_at, out, err), (_, proc) in zip(answers, running, strict=True):
        assert proc.returncode == 0, err
        assert "internal error" not in err and "Traceback" not in err, err
        shown = re.search(r"Version (\d{4})", out)
        assert shown is not None, out
        assert int(shown[1]) >= started_at, f"answered version {shown[1]}, started at {started_at}"
    assert max(started_at for started_at, _, _ in answers) > 0  # edits did happen meanwhile


def test_concurrent_writers_of_one_edit_all_answer_as_a_fresh_check(
    valid_kb: Path, tmp_path: Path
) -> None:
    """Ten `kb validate` and ten `kb show` at once, all after the same aged edit, so that
    each lays it over the same store and writes its own copy: every answer is what a fresh
    check says, and the store left behind answers so too."""
    age(valid_kb)
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": SRC, "KB_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    kb = [sys.executable, "-m", "comorbidity_kb"]
    validate = [*kb, "validate", str(valid_kb)]
    show = [*kb, "show", "insomnia", "--data", str(valid_kb)]
    time.sleep(2.1)
    subprocess.run(validate, env=env, capture_output=True, timeout=120, check=True)
    path = valid_kb / "conditions" / "insomnia.yaml"
    path.write_text(path.read_text().replace("parent: sleep-disturbance", "parent: nowhere"))
    (valid_kb / "citations" / "blog-post.yaml").unlink()
    time.sleep(2.1)  # the edit has aged: every run below writes the cache
    fresh = subprocess.run([*validate, "--no-cache"], env=env, capture_output=True, text=True)
    assert fresh.returncode == 1 and "nowhere" in fresh.stdout, fresh
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(QUERIES // 2)
        for cmd in (validate, show)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert "internal error" not in err and "Traceback" not in err, err
        if proc.args == validate:
            assert (proc.returncode, out) == (1, fresh.stdout)
        else:
            assert proc.returncode == 0 and "Insomnia" in out, err
    after = subprocess.run(validate, env=env, capture_output=True, text=True, timeout=120)
    assert (after.returncode, after.stdout) == (1, fresh.stdout)
    assert not [n for n in os.listdir(cache) if n.startswith(".tmp-")]
