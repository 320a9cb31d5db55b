"""The cache never runs code, is used only in a folder nobody else can write, never opens
anything but a regular file, and leaves no temporary file behind when killed."""

from __future__ import annotations

import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

from comorbidity_kb.kb import cache, store
from comorbidity_kb.kb.cache import fingerprint, load_kb_cached, read_cache
from tests.adversarial.conftest import SRC, kb_process
from tests.conftest import Run
from tests.kb.stores import resealed, with_sql

TEMP_PREFIX = ".tmp-"  # comorbidity_kb.kb.trust.TEMP_PREFIX (spelt out: old code had none)


def _store_of(root: Path) -> Path:
    files = store.store_files(cache.cache_dir(), cache.cache_stem(root))
    assert len(files) == 1, files
    return files[0]


class _Payload:
    """Unpickling this creates a file: proof that a row ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_planted_row_never_runs_code(aged: Path, tmp_path: Path, kb: Run) -> None:
    assert "Insomnia" in kb("show", "insomnia", "--data", str(aged)).out
    path = _store_of(aged)
    marker = tmp_path / "ran-code"
    conn = sqlite3.connect(path)
    (zdict,) = conn.execute("SELECT value FROM meta WHERE key = 'zdict'").fetchone()
    packer = zlib.compressobj(6, zdict=zdict)
    blob = packer.compress(pickle.dumps(_Payload(marker))) + packer.flush()
    conn.execute("UPDATE entity SET blob = ? WHERE id = 'insomnia'", (blob,))
    conn.commit()
    conn.close()
    resealed(path)

    result = kb("show", "insomnia", "--data", str(aged))
    assert not marker.exists(), "a row of the cache ran code"
    assert result.code == 0 and "Insomnia" in result.out, result


def test_a_row_holding_another_valid_entity_is_not_trusted(aged: Path) -> None:
    load_kb_cached(aged)
    path = _store_of(aged)
    conn = sqlite3.connect(path)
    (blob,) = conn.execute("SELECT blob FROM entity WHERE id = 'anxiety'").fetchone()
    conn.execute("UPDATE entity SET blob = ? WHERE id = 'insomnia'", (blob,))
    conn.commit()
    conn.close()
    resealed(path)
    found = read_cache(aged, fingerprint(aged)[0])
    assert found is not None
    with pytest.raises(store.StoreDamaged):
        found[0].get("insomnia")


def _unsafe_folders(tmp_path: Path) -> dict[str, Path]:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    group = tmp_path / "group"
    group.mkdir()
    os.chmod(group, 0o770)
    foreign = tmp_path / "foreign"
    foreign.mkdir(mode=0o700)
    os.chown(foreign, 65534, 65534)
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    return {"mode-1777": shared, "group-writable": group, "another-owner": foreign, "link": link}


@pytest.mark.parametrize("case", ["mode-1777", "group-writable", "another-owner", "link"])
def test_an_unsafe_cache_folder_is_not_used(
    aged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kb: Run, case: str
) -> None:
    if os.geteuid() != 0 and case == "another-owner":
        pytest.skip("giving a folder to another user needs root")
    folder = _unsafe_folders(tmp_path)[case]
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    # A store planted there, named as a query would look for it, is never opened.
    planted = folder / f"{cache.cache_stem(aged)}.00000000.sqlite"
    planted.write_bytes(b"planted")
    before = sorted(os.listdir(folder))

    result = kb("show", "insomnia", "--data", str(aged))
    assert result.code == 0 and "Insomnia" in result.out, result
    warnings = [line for line in result.err.splitlines() if "cache folder" in line]
    assert len(warnings) == 1, result.err
    assert "not using the cache folder" in warnings[0]
    assert sorted(os.listdir(folder)) == before  # nothing read away, nothing written
    assert planted.read_bytes() == b"planted"


def test_a_missing_cache_folder_is_created_private(
    aged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "new" / "cache"
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    load_kb_cached(aged)
    assert os.stat(folder).st_mode & 0o777 == 0o700
    assert len(store.store_files(folder, cache.cache_stem(aged))) == 1


def test_a_fifo_named_like_a_store_hangs_nothing(aged: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.mkfifo(folder / f"{cache.cache_stem(aged)}.00000000.sqlite")
    try:
        result = kb_process(
            "show", "insomnia", "--data", str(aged), env={"KB_CACHE_DIR": str(folder)}, timeout=30
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a FIFO named like a store hung the query")
    assert result.returncode == 0 and "Insomnia" in result.stdout, result.stderr


def test_sigterm_during_a_cache_write_leaves_no_temporary_file(aged: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    script = textwrap.dedent(
        f"""
        import os, signal, time
        from pathlib import Path
        from comorbidity_kb.kb import cache, store

        cache._clock = lambda: time.time() + 10
        def killed(kb):
            os.kill(os.getpid(), signal.SIGTERM)
            yield from ()
        store._index_rows = killed
        cache.load_kb_cached(Path({str(aged)!r}))
        print("survived")
        """
    )
    env = {**os.environ, "PYTHONPATH": SRC, "KB_CACHE_DIR": str(folder)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == -signal.SIGTERM, result
    assert sorted(os.listdir(folder)) == [], "the temporary file was left behind"


def test_a_dead_writers_temporary_file_is_removed_by_the_next(
    aged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = cache.cache_dir()
    folder.mkdir(mode=0o700, exist_ok=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = folder / f"{TEMP_PREFIX}{dead.pid}-abc.sqlite"
    left.write_bytes(b"half a store")
    alive = folder / f"{TEMP_PREFIX}{os.getpid()}-def.sqlite"
    alive.write_bytes(b"being written")
    load_kb_cached(aged)
    assert not left.exists()
    assert alive.exists()  # a running writer's file is its own


def test_no_home_folder_means_no_cache_not_a_crash(
    aged: Path, kb: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KB_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    result = kb("show", "insomnia", "--data", str(aged))
    assert result.code == 0 and "Insomnia" in result.out, result
    assert "not using the cache folder" in result.err


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE diagnostic SET line = 'x'",
        "UPDATE diagnostic SET severity = 'fatal'",
        "UPDATE listing SET numbers = x'00'",
        "UPDATE entity SET blob = x'00' WHERE id = 'anxiety'",
        "DROP TABLE graded",
        "UPDATE file SET entity = 'nobody' WHERE entity = 'insomnia'",
    ],
)
def test_kb_validate_survives_a_damaged_store(
    aged: Path, kb: Run, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """A store whose rows were changed and sealed again (only a foreign writer could) is
    removed and everything checked afresh: never an internal error, never a wrong answer."""
    monkeypatch.chdir(aged)
    broken = aged / "conditions" / "broken.yaml"
    broken.write_text("id: broken\nname: [\n")
    expected = kb("validate", str(aged), "--no-cache")
    assert kb("validate", str(aged)).out == expected.out  # writes the store
    path = _store_of(aged)
    with_sql(path, damage)
    insomnia = aged / "conditions" / "insomnia.yaml"
    insomnia.write_text(insomnia.read_text().replace("name: Insomnia", "name: Insomnia "))
    fresh = kb("validate", str(aged), "--no-cache")
    result = kb("validate", str(aged))
    assert (result.code, result.out, result.err) == (fresh.code, fresh.out, fresh.err)
    again = kb("validate", str(aged))
    assert (again.code, again.out) == (fresh.code, fresh.out)
