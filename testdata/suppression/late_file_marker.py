"""An ignore-file after line 10 is not honoured."""
#
#
#
#
#
#
#
#
#
# antipasta: ignore-file


def branchy(a, b):
    if a and b:
        return 1
    return 2
