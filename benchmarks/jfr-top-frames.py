#!/usr/bin/env python3
"""Shares of JFR execution samples by top frame, and of samples with a given frame anywhere on the stack.

Usage: jfr print --events jdk.ExecutionSample rec.jfr > samples.txt
       benchmarks/jfr-top-frames.py samples.txt [TOP_N] [SUBSTRING ...]
Shares are of all samples in the file; the recording covers the whole process (start-up included), so compare
two recordings made the same way rather than reading one share alone.
"""
import collections
import re
import sys


def stacks(path):
    current = None
    for line in open(path):
        s = line.strip()
        if s.startswith('stackTrace = ['):
            current = []
        elif current is not None:
            if s.startswith(']') or s == '...':
                yield current
                current = None
            elif s:
                current.append(re.sub(r'\s+line:.*', '', s))


def main():
    all_stacks = [st for st in stacks(sys.argv[1]) if st]
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    n = len(all_stacks)
    for frame, count in collections.Counter(st[0] for st in all_stacks).most_common(top_n):
        print(f"{100 * count / n:5.1f}% {frame}")
    for needle in sys.argv[3:]:
        on_stack = sum(1 for st in all_stacks if any(needle in f for f in st))
        print(f"{100 * on_stack / n:5.1f}% on stack: {needle}")
    print("samples", n)


if __name__ == '__main__':
    main()
