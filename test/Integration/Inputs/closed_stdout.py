"""Runs a command whose stdout is a pipe nobody reads (its read end closed
before the command starts, as `| head -1` leaves it once head is done) and
prints `exit N` and the command's stderr."""
import os
import subprocess
import sys

r, w = os.pipe()
os.close(r)
proc = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
os.close(w)
print("exit %d" % proc.returncode)
sys.stdout.write(proc.stderr.decode(errors="replace"))
