"""Facts carry over from the source articles; their sentences do not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comorbidity_kb.read.yaml_load import LoadError, load_yaml

from .conftest import ROOT, SEEDS

RUN = 10


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text: str) -> set[str]:
    w = words(text)
    return {" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def prose(path: Path) -> str:
    """The text of a file that is ours to word. A citation's title is the exception: it is
    bibliographic data that must match the source exactly, and some sources are the articles
    themselves (or are listed in their reference lists)."""
    if path.parent.name == "citations" and path.suffix == ".yaml":
        try:
            data = load_yaml(path).data
        except LoadError:  # a deliberately broken fixture: check all of it
            pass
        else:
            data.pop("title", None)
            return " ".join(str(v) for v in data.values())
    return path.read_bytes().decode("utf-8", errors="replace")


def project_texts() -> list[Path]:
    files = [ROOT / "README.md"]
    for folder in ("data", "docs", "tests/fixtures"):
        files += [
            p
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and p.suffix in {".yaml", ".yml", ".md"}
        ]
    return sorted(files)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_no_ten_word_run_is_shared_with_an_article() -> None:
    seed_runs: set[str] = set()
    for seed in SEEDS.glob("*.txt"):
        seed_runs |= runs(seed.read_text(encoding="utf-8"))
    assert seed_runs, "the seed articles were not read"
    copied = {
        str(path.relative_to(ROOT)): sorted(runs(prose(path)) & seed_runs)
        for path in project_texts()
    }
    copied = {k: v for k, v in copied.items() if v}
    assert not copied, f"rewrite in your own words: {copied}"


def test_the_check_catches_a_copied_sentence() -> None:
    # The check itself must be able to fail.
    article = "one two three four five six seven eight nine ten eleven"
    assert runs(article) & runs("prefix " + article)
    assert runs(article) & runs("ONE two three, four five six seven eight nine ten!")
    assert not runs(article) & runs("one two three four five 6 seven eight nine ten eleven")
