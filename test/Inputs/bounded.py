#!/usr/bin/env python3
"""bounded.py [--no-address-limit] MB CMD...: runs CMD (its stdout and stderr
pass through) and exits with its status, or 1 when its peak resident memory
went above MB MiB. Unless --no-address-limit (ASan reserves terabytes of
address space for its shadow), CMD's address space is also capped at 4 x MB
plus 512 MiB, so that a runaway allocation fails at once instead of taking
the machine's memory."""
import resource
import subprocess
import sys

args = sys.argv[1:]
limit_as = True
if args and args[0] == "--no-address-limit":
    limit_as = False
    args = args[1:]
mib = int(args[0])
cmd = args[1:]


def cap():
    if limit_as:
        n = (4 * mib + 512) << 20
        resource.setrlimit(resource.RLIMIT_AS, (n, n))


rc = subprocess.call(cmd, preexec_fn=cap)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
if peak > mib:
    sys.stderr.write("bounded.py: %s used %d MiB (limit %d MiB)\n" %
                     (cmd[0], peak, mib))
    sys.exit(1)
sys.exit(rc)
