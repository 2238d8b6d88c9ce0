"""`python -m antipasta ...` runs the executable with the same arguments and exit code."""

import os
import subprocess
import sys

from antipasta import find_bin


def main() -> None:
    exe = find_bin()
    if sys.platform == "win32":
        sys.exit(subprocess.run([exe, *sys.argv[1:]]).returncode)
    os.execv(exe, [exe, *sys.argv[1:]])


if __name__ == "__main__":
    main()
