#!/usr/bin/env python3
"""Prints the structure of an hcm SVG picture for FileCheck.

Usage: check_svg.py FILE.svg

Prints the frame (left top right bottom), the number of dots of each class
(`required`, `schedule`), how many marks lie outside the frame, the roofs'
end points, the tick labels of each axis and the number of bars. Exits 1
when a mark lies outside the frame, so a range that misses a point fails.
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def classes(e):
    return e.get("class", "").split()


def main():
    root = ET.parse(sys.argv[1]).getroot()
    frame = [e for e in root.iter(NS + "rect") if "frame" in classes(e)][0]
    left, top = float(frame.get("x")), float(frame.get("y"))
    right = left + float(frame.get("width"))
    bottom = top + float(frame.get("height"))
    print("frame %.2f %.2f %.2f %.2f" % (left, top, right, bottom))

    def inside(x, y):
        return left - 0.01 <= x <= right + 0.01 and top - 0.01 <= y <= bottom + 0.01

    marks = [g for g in root.iter(NS + "g") if "marks" in classes(g)][0]
    counts, outside = {}, 0
    for c in marks.iter(NS + "circle"):
        for k in classes(c):
            counts[k] = counts.get(k, 0) + 1
        if not inside(float(c.get("cx")), float(c.get("cy"))):
            outside += 1
            print("outside: " + c.findtext(NS + "title", ""))
    for ln in marks.iter(NS + "line"):
        for end in ("1", "2"):
            if not inside(float(ln.get("x" + end)), float(ln.get("y" + end))):
                outside += 1
        if "roof" in classes(ln):
            print("roof %s %s %s %s %s" % (classes(ln)[1], ln.get("x1"),
                                           ln.get("y1"), ln.get("x2"),
                                           ln.get("y2")))
    bars = 0
    for r in marks.iter(NS + "rect"):
        bars += 1
        x, y = float(r.get("x")), float(r.get("y"))
        if not (inside(x, y) and inside(x + float(r.get("width")),
                                        y + float(r.get("height")))):
            outside += 1
    for k in ("required", "schedule", "memory-bound", "compute-bound"):
        print("%s %d" % (k, counts.get(k, 0)))
    print("bars %d" % bars)
    for axis in ("x-ticks", "y-ticks"):
        g = [g for g in root.iter(NS + "g") if axis in classes(g)][0]
        print(axis + " " + " ".join(t.text for t in g.iter(NS + "text")))
    print("outside %d" % outside)
    return 1 if outside else 0


if __name__ == "__main__":
    sys.exit(main())
