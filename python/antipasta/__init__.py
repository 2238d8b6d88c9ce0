"""antipasta 2: the complexity gate, a native executable. This package only locates it."""

import os
import sys
import sysconfig


def find_bin() -> str:
    """The path of the `antipasta` executable this wheel installed."""
    name = "antipasta" + (".exe" if sys.platform == "win32" else "")
    candidates = [sysconfig.get_path("scripts")]
    user = sysconfig.get_path("scripts", f"{os.name}_user")
    if user:
        candidates.append(user)
    # pip install --target: the scripts directory beside the package.
    candidates.append(os.path.join(os.path.dirname(os.path.dirname(__file__)), "bin"))
    for directory in candidates:
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(f"the {name} executable is not installed next to this package")
