"""`kb cite` through the CLI: options that do not go together, -o FILE, and what it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run


def cite(kb: Run, root: Path, *args: str) -> tuple[int, str, str]:
    result = kb("cite", "--data", str(root), *args)
    return result.code, result.out, result.err


def ids_of(ris_text: str) -> list[str]:
    return [
        line.removeprefix("ID  - ") for line in ris_text.splitlines() if line.startswith("ID  - ")
    ]


def test_ris_of_the_named_citations_in_order(kb: Run, valid_kb: Path) -> None:
    code, out, err = cite(kb, valid_kb, "-f", "ris", "hertenstein-2019", "blog-post")
    assert (code, err) == (0, "")
    assert ids_of(out) == ["hertenstein-2019", "blog-post"]
    assert out.startswith("TY  - JOUR\nID  - hertenstein-2019\n")


def test_every_citation_by_default_and_those_behind_an_entity(kb: Run, valid_kb: Path) -> None:
    assert ids_of(cite(kb, valid_kb, "-f", "ris")[1]) == [
        "blog-post",
        "dressle-2022",
        "hertenstein-2019",
    ]
    assert ids_of(cite(kb, valid_kb, "-f", "ris", "--for", "HPA axis and cortisol")[1]) == [
        "dressle-2022"
    ]


def test_text_is_the_default_format(kb: Run, valid_kb: Path) -> None:
    code, out, err = cite(kb, valid_kb, "blog-post")
    assert (code, err) == (0, "")
    assert "Müller, Z." in out
    assert "Sleep & worry: A test post" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("blog-post", "--for", "insomnia"), "kb: give citation ids or --for ENTITY, not both\n"),
        (("--force",), "kb: --force only applies with -o FILE\n"),
        (("-f", "ris", "--style", "apa"), "kb: --style only applies to --format text\n"),
    ],
)
def test_options_that_do_not_go_together_are_misuse(
    kb: Run, valid_kb: Path, args: tuple[str, ...], message: str
) -> None:
    assert cite(kb, valid_kb, *args) == (2, "", message)


def test_an_unknown_style_is_misuse(kb: Run, valid_kb: Path) -> None:
    code, out, err = cite(kb, valid_kb, "--style", "no-such-style-anywhere")
    assert (code, out) == (2, "")
    assert err.startswith("kb: ") and "no-such-style-anywhere" in err


def test_an_unknown_citation_fails_with_a_suggestion(kb: Run, valid_kb: Path) -> None:
    assert cite(kb, valid_kb, "-f", "ris", "dresle-2022") == (
        1,
        "",
        "kb: no citation called 'dresle-2022'; did you mean 'dressle-2022'?\n",
    )


def test_unverified_citations_are_announced_or_left_out(kb: Run, valid_kb: Path) -> None:
    path = valid_kb / "citations" / "blog-post.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("verified: true", "verified: false"),
        encoding="utf-8",
    )
    code, out, err = cite(kb, valid_kb, "-f", "ris")
    assert code == 0
    assert err == (
        "kb: 1 unverified citation(s) included, marked [Unverified reference] "
        "(--verified-only leaves them out)\n"
    )
    assert "TI  - Sleep & worry: A test post [Unverified reference]" in out
    code, out, err = cite(kb, valid_kb, "-f", "ris", "--verified-only")
    assert (code, err) == (0, "")
    assert ids_of(out) == ["dressle-2022", "hertenstein-2019"]


def test_output_to_a_file_and_never_over_one_without_force(
    kb: Run, valid_kb: Path, tmp_path: Path
) -> None:
    target = tmp_path / "refs.ris"
    assert cite(kb, valid_kb, "-f", "ris", "blog-post", "-o", str(target)) == (
        0,
        "",
        f"kb: wrote 1 citation(s) to {target}\n",
    )
    first = target.read_text(encoding="utf-8")
    assert ids_of(first) == ["blog-post"]
    assert cite(kb, valid_kb, "-f", "ris", "-o", str(target)) == (
        1,
        "",
        f"kb: {target} already exists; add --force to overwrite it\n",
    )
    assert target.read_text(encoding="utf-8") == first
    code, _, err = cite(kb, valid_kb, "-f", "ris", "-o", str(target), "--force")
    assert (code, err) == (0, f"kb: wrote 3 citation(s) to {target}\n")
    assert len(ids_of(target.read_text(encoding="utf-8"))) == 3


def test_output_to_a_folder_is_refused_even_with_force(
    kb: Run, valid_kb: Path, tmp_path: Path
) -> None:
    code, out, err = cite(kb, valid_kb, "-f", "ris", "-o", str(tmp_path), "--force")
    assert (code, out) == (2, "")
    assert err.startswith(f"kb: will not write {tmp_path}: ")
