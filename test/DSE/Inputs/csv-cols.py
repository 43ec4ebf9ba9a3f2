"""Prints the named columns of a CSV file (quoted cells kept whole)."""
import csv
import sys

rows = list(csv.reader(open(sys.argv[1], newline="")))
idx = [rows[0].index(c) for c in sys.argv[2:]]
for r in rows:
    print(",".join(r[i] for i in idx))
