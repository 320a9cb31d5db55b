"""Real `kb validate` messages for docs/validation.md, one per broken input in the fixtures.

`python scripts/validation_examples.py` rewrites the block between the examples markers;
tests/test_docs.py fails when it is stale.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "fixtures" / "invalid"
DOC = ROOT / "docs" / "validation.md"
START, END = "<!-- examples:start -->", "<!-- examples:end -->"


def messages() -> list[str]:
    """For each fixture case, the message its expected rule produces, as `kb validate` prints it."""
    from comorbidity_kb.check.validate import validate_path

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            for case in sorted(p for p in INVALID.iterdir() if p.is_dir()):
                root = Path("kb")
                shutil.copytree(ROOT / "tests" / "fixtures" / "valid", root)
                for src in case.rglob("*"):
                    if src.is_file() and src.name != "expect":
                        dest = root / src.relative_to(case)
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(src, dest)
                path, _, _, rule = (case / "expect").read_text().strip().rsplit(":", 3)
                hits = [
                    d
                    for d in validate_path(root).diagnostics
                    if d.rule == rule and d.path == f"kb/{path}"
                ]
                lines += [hits[0].as_text()] if hits else []
                shutil.rmtree(root)
        finally:
            os.chdir(cwd)
    return lines


def block() -> str:
    """The generated section, markers included."""
    return f"{START}\n```\n" + "\n".join(messages()) + f"\n```\n{END}"


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    text = DOC.read_text()
    text = text[: text.index(START)] + block() + text[text.index(END) + len(END) :]
    DOC.write_text(text)
    print(f"updated {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
