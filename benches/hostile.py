#!/usr/bin/env python3
"""Builds the hostile-size cases of benches/README.md from the Jelgava programme.

    python3 benches/hostile.py OUT

writes two programme folders (benchmark input only, never programmes of their own):

- OUT/huge-ref: Jelgava with one responsible body written as a 2 MiB unknown name, the
  worst case for the "did you mean" search and for the finding's text and snippet;
- OUT/x40: Jelgava with its situation sections and plan activities repeated 40 times, so
  every id, number and wrong total recurs 40 times: a big file with thousands of findings,
  the worst case for the human report's snippets.
"""

import pathlib
import shutil
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "programmes" / "jelgava-2024-2028"


def copy(out: pathlib.Path, name: str) -> pathlib.Path:
    dst = out / name
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(SRC, dst)
    return dst


def repeat_list(path: pathlib.Path, key: str, times: int) -> None:
    """Repeats the items of the top-level list `key:`, which must be the file's last key."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition(f"\n{key}:\n")
    assert sep, f"{path}: no top-level {key}:"
    path.write_text(head + sep + body * times, encoding="utf-8")


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)

    d = copy(out, "huge-ref")
    plan = d / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    old = 'responsible: ["Skolas", "IP"]'
    assert old in text
    plan.write_text(text.replace(old, 'responsible: ["' + "x" * (2 << 20) + '"]', 1), encoding="utf-8")

    d = copy(out, "x40")
    repeat_list(d / "situation.yaml", "sections", 40)
    repeat_list(d / "plan.yaml", "activities", 40)


if __name__ == "__main__":
    main()
