#!/usr/bin/env python3
"""bounded.py [--no-address-limit] [--cpu=S] MB CMD...: runs CMD (its stdout
and stderr pass through) and exits with its status, or 1 when its peak
resident memory went above MB MiB. Unless --no-address-limit (ASan reserves
terabytes of address space for its shadow), CMD's address space is also
capped at 4 x MB plus 512 MiB, so that a runaway allocation fails at once
instead of taking the machine's memory. --cpu=S kills CMD (SIGXCPU) after S
seconds of CPU time: a bound on work that the machine's load does not
change."""
import os
import resource
import signal
import subprocess
import sys

args = sys.argv[1:]
limit_as = True
cpu = None
while args and args[0].startswith("--"):
    if args[0] == "--no-address-limit":
        limit_as = False
    elif args[0].startswith("--cpu="):
        cpu = int(args[0][len("--cpu="):])
    else:
        sys.exit("bounded.py: unknown option " + args[0])
    args = args[1:]
mib = int(args[0])
cmd = args[1:]


def cap():
    if limit_as:
        n = (4 * mib + 512) << 20
        resource.setrlimit(resource.RLIMIT_AS, (n, n))
    if cpu is not None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


rc = subprocess.call(cmd, preexec_fn=cap)
if rc < 0:  # die of the same signal, so that `not` sees a crash
    sys.stderr.write("bounded.py: %s killed by signal %d\n" % (cmd[0], -rc))
    sys.stderr.flush()
    if -rc != signal.SIGKILL:
        signal.signal(-rc, signal.SIG_DFL)
    os.kill(os.getpid(), -rc)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
if peak > mib:
    sys.stderr.write("bounded.py: %s used %d MiB (limit %d MiB)\n" %
                     (cmd[0], peak, mib))
    sys.exit(1)
sys.exit(rc)
