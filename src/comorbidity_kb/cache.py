"""An on-disk cache of the loaded knowledge base that can never answer stale.

The key is a fingerprint of every data file's path, size and modification time (ns), plus
the package and Python versions. A file changed within the last two seconds could share its
mtime with an older version (coarse clocks), so no cache is written then ("racy" files, as
git calls them). A cache that fails to load for any reason is ignored and rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from comorbidity_kb.graph import KnowledgeBase

FORMAT = 1
RACY_SECONDS = 2.0
_MAGIC = b"comorbidity-kb-cache\n"


def cache_dir() -> Path:
    """``$KB_CACHE_DIR``, else ``$XDG_CACHE_HOME/comorbidity-kb``, else ``~/.cache/…``."""
    explicit = os.environ.get("KB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "comorbidity-kb"


def fingerprint(root: Path) -> tuple[str, float]:
    """A digest of every file's path, size and mtime below ``root``, and the newest mtime."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{_package_version()}".encode())
    newest = 0.0
    stack = [str(root)]
    while stack:
        entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name)
        for entry in entries:
            try:
                st = entry.stat()
            except OSError:  # a dangling or looping link: the link's own stat keys it
                st = entry.stat(follow_symlinks=False)
            newest = max(newest, st.st_mtime)
            # A linked folder is not entered (it may loop); what it may hold is read only
            # when it lies inside the data folder, where this walk finds it anyway.
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            digest.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest(), newest


def _package_version() -> str:
    # What a pickle means depends on every module of the package (models, indexes, ...):
    # key on the size and mtime of each source file, not just on the version number.
    package = Path(__file__).resolve().parent
    stamps = sorted(
        f"{entry.name}:{entry.stat().st_size}:{entry.stat().st_mtime_ns}"
        for entry in os.scandir(package)
        if entry.name.endswith(".py")
    )
    return "|".join(stamps)


def _cache_file(root: Path) -> Path:
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return cache_dir() / f"{name}.pickle"


def read_cache(root: Path, key: str) -> tuple[KnowledgeBase, int] | None:
    """The cached knowledge base for ``root`` if its key matches; None on any doubt."""
    try:
        with _cache_file(root).open("rb") as handle:
            if handle.read(len(_MAGIC)) != _MAGIC or handle.readline().decode().strip() != key:
                return None
            kb, problems = _load_without_gc(handle)
    except Exception:  # missing, truncated, corrupt or foreign: rebuild, never trust it
        return None
    from comorbidity_kb.graph import KnowledgeBase

    if not isinstance(kb, KnowledgeBase) or not isinstance(problems, int):
        return None
    return kb, problems


def _load_without_gc(handle: BinaryIO) -> Any:
    """Unpickle with the cyclic garbage collector paused: unpickling creates only live
    objects, and the collector would otherwise scan the growing heap over and over (about
    2.5 times slower at 100,000 entities)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if enabled:
            gc.enable()


def write_cache(root: Path, key: str, kb: KnowledgeBase, problems: int) -> None:
    """Write the cache atomically; a failure to write is not an error (it is only a cache)."""
    import tempfile  # only when writing: it pulls in `random`, which reads are spared

    target = _cache_file(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + key.encode() + b"\n")
            pickle.dump((kb, problems), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        return


def load_kb_cached(root: Path) -> tuple[KnowledgeBase, int]:
    """The knowledge base at ``root`` and how many problems it has, from a fresh cache if any."""
    key, newest = fingerprint(root)
    cached = read_cache(root, key)
    if cached is not None:
        return cached
    from comorbidity_kb.validate import validate_path

    report = validate_path(root)
    if time.time() - newest > RACY_SECONDS and os.environ.get("KB_NO_CACHE") is None:
        write_cache(root, key, report.kb, report.errors)
    return report.kb, report.errors
