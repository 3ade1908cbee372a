#!/usr/bin/env python3
"""Writes the source article's two data sets as CSV assets for the app.

Reads ``../shared/reference/seed_examples.json`` (relative to the repository root, or the
path given as the first argument) and writes:

* ``static/data/article-regression.csv``: columns ``split,x,y``; the 80 training rows
  (``split`` = ``train``) then the 20 test rows (``test``).
* ``static/data/article-breast-cancer.csv``: columns ``split,label,<30 features>``; the 455
  training rows then the 114 test rows. Feature names are made CSV-safe identifiers
  (``mean radius`` becomes ``mean_radius``).

Only the data are written, never the reference results (slope, test MSE, log loss, ...):
the app recomputes those itself. Numbers are written with ``repr()``, Python's shortest text
that parses back to the same float, so the Rust parser reads them back bit for bit. Labels
are written as the integers 0 and 1. Standard library only; run from anywhere:

    python3 tools/extract_article_data.py [path/to/seed_examples.json]
"""

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "seed_examples.json"
OUT_DIR = ROOT / "static" / "data"


def number(value):
    """The shortest round-trip text of a JSON number (ints stay ints, floats use repr)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def identifier(name):
    """A feature name as a lower-case identifier: runs of other characters become '_'."""
    cleaned = re.sub(r"[^0-9a-zA-Z]+", "_", name.strip()).strip("_").lower()
    if not cleaned or cleaned[0].isdigit():
        cleaned = "f_" + cleaned
    return cleaned


def write_rows(path, header, rows):
    """Writes a header and rows with '\\n' line ends, no quoting needed (checked)."""
    for cell in header:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", cell):
            raise ValueError(f"header cell {cell!r} is not a plain identifier")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)")


def regression_rows(data):
    """Rows ``split, x, y`` of the regression example."""
    rows = []
    for split in ("train", "test"):
        xs, ys = data[f"{split}_x"], data[f"{split}_y"]
        if len(xs) != len(ys):
            raise ValueError(f"regression {split}: {len(xs)} x values but {len(ys)} y values")
        rows.extend([split, number(x), number(y)] for x, y in zip(xs, ys))
    return rows


def classification_rows(data):
    """Rows ``split, label, features...`` of the breast-cancer example."""
    width = len(data["feature_names"])
    rows = []
    for split in ("train", "test"):
        matrix, labels = data[f"{split}_X"], data[f"{split}_y"]
        if len(matrix) != len(labels):
            raise ValueError(f"classification {split}: {len(matrix)} rows but {len(labels)} labels")
        for features, label in zip(matrix, labels):
            if len(features) != width or label not in (0, 1):
                raise ValueError(f"classification {split}: malformed row")
            rows.append([split, number(label)] + [number(v) for v in features])
    return rows


def main():
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    with open(source, encoding="utf-8") as handle:
        seed = json.load(handle)
    OUT_DIR.mkdir(parents=True, exist_ok=True)

    write_rows(OUT_DIR / "article-regression.csv", ["split", "x", "y"], regression_rows(seed["regression"]))

    classification = seed["classification"]
    names = [identifier(name) for name in classification["feature_names"]]
    if len(set(names)) != len(names):
        raise ValueError("two feature names collapse to the same identifier")
    write_rows(
        OUT_DIR / "article-breast-cancer.csv",
        ["split", "label"] + names,
        classification_rows(classification),
    )


if __name__ == "__main__":
    main()
