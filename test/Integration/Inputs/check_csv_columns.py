"""Checks a CSV report's header against the columns docs/REPORT.md documents.

Usage: check_csv_columns.py REPORT.md REPORT.csv
The documented columns are the identity columns of the "## CSV" section,
then the keys of the field table's layer groups in table order, then the
network keys not already columns. Every row must have as many cells as the
header. Prints the first difference; exits 1 on any.
"""
import csv
import re
import sys


def documented(page):
    csv_section = page.split("## CSV", 1)[1]
    ident = re.search(r"Columns: `([^`]*)`", csv_section).group(1).split(",")
    table = page.split("<!-- fields:begin -->", 1)[1].split("<!-- fields:end -->")[0]
    cols = list(ident)
    for group, key in re.findall(r"^\| (\w+) \| `(\w+)` \|", table, re.M):
        if group not in ("target",) and key not in cols:
            cols.append(key)
    return cols


def main():
    want = documented(open(sys.argv[1]).read())
    rows = list(csv.reader(open(sys.argv[2], newline="")))
    header = rows[0]
    if header != want:
        for i, (h, w) in enumerate(zip(header + [""] * len(want), want + [""] * len(header))):
            if h != w:
                print(f"{sys.argv[2]}: error: column {i + 1} is '{h}', REPORT.md says '{w}'")
                break
        sys.exit(1)
    for n, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            print(f"{sys.argv[2]}: error: row {n} has {len(row)} cells, not {len(header)}")
            sys.exit(1)
    kinds = sorted({r[0] for r in rows[1:]})
    print(f"{sys.argv[2]}: {len(header)} documented columns, rows {' '.join(kinds)}")


if __name__ == "__main__":
    main()
