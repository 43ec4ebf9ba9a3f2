"""Checks a tool's docs page against its --help (no drift).

Usage: TOOL --help | check_help.py PAGE.md
Every option --help lists must be documented on the page (as `-name` or
`--name`), and every option the page's "## Options" section documents must
be in --help. Prints the differences; exits 1 when there are any.
"""
import re
import sys

OPT = r"-{1,2}[A-Za-z][\w-]*"


def main():
    helped = set(re.findall(r"^\s{2,4}(" + OPT + ")", sys.stdin.read(), re.M))
    helped = {h.lstrip("-") for h in helped}
    with open(sys.argv[1]) as f:
        page = f.read()
    mentioned = {m.lstrip("-") for m in re.findall(r"`(" + OPT + ")", page)}
    section = page.split("## Options", 1)[1].split("\n## ", 1)[0]
    documented = {m.lstrip("-")
                  for m in re.findall(r"^- `(" + OPT + ")", section, re.M)}
    missing = sorted(helped - mentioned)
    stale = sorted(documented - helped)
    for m in missing:
        print(f"{sys.argv[1]}: error: --help lists '-{m}', the page does not")
    for s in stale:
        print(f"{sys.argv[1]}: error: the page documents '-{s}', --help does not")
    if missing or stale:
        sys.exit(1)
    print(f"{sys.argv[1]}: {len(helped)} options, all documented")


if __name__ == "__main__":
    main()
