"""Runs every evaluation or benchmark module of a package (`make eval`, `make bench`), each in its own
process, and reports which ones failed."""

from __future__ import annotations

import subprocess
import sys
import time

from tools.processes import ROOT


def modules(package: str) -> list[str]:
    """Modules of the package that define main(), in name order."""
    found = []
    for path in sorted((ROOT / package).glob("*.py")):
        if path.name.startswith("_"):
            continue
        if "def main(" in path.read_text():
            found.append(f"{package}.{path.stem}")
    return found


def main() -> int:
    """python -m tools.run_scripts eval|bench [module-name-filter]"""
    package = sys.argv[1]
    wanted = sys.argv[2] if len(sys.argv) > 2 else ""
    failed = []
    for module in modules(package):
        if wanted and wanted not in module:
            continue
        print(f"\n===== {module} =====", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, "-m", module], cwd=ROOT)
        print(f"----- {module}: exit {code} in {time.monotonic() - started:.0f} s", flush=True)
        if code != 0:
            failed.append(module)
    if failed:
        print(f"\nFAILED: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
