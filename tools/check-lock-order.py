#!/usr/bin/env python3
"""check-lock-order.py - the lock order is written twice: as enum lock_class
in kernel/lib/spinlock.h (which the checker enforces) and as the table in
docs/locking.md (which students read).  Fail if they disagree."""
import re
import sys

header = open("kernel/lib/spinlock.h").read()
enum = re.search(r"enum lock_class \{(.*?)\};", header, re.S).group(1)
names = re.findall(r"^\s*LOCK_([A-Z]+),", enum, re.M)
code = [n.lower() for n in names if n not in ("NONE", "NCLASSES")]
source = open("kernel/lib/spinlock.c").read()
shown = dict(re.findall(r"\[LOCK_([A-Z]+)\] = \"([a-z]+)\"", source))
code = [shown.get(n.upper(), n) for n in code]
doc = re.findall(r"^\|\s*(\d+)\s*\|\s*`([a-z]+)`", open("docs/locking.md").read(), re.M)
docs = [name for _, name in doc]
ranks = [int(r) for r, _ in doc]
if docs != code or ranks != list(range(1, len(code) + 1)):
    print("check-lock-order: docs/locking.md's order table does not match "
          "enum lock_class:\n  code: %s\n  docs: %s" % (" ".join(code), " ".join(docs)))
    sys.exit(1)
print("check-lock-order: docs/locking.md lists the %d lock classes in the "
      "checker's order (good)" % len(code))
