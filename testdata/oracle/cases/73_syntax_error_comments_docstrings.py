"""A Python 2 module: ast rejects it, radon's raw pass still counts its lines."""
# a comment line

import sys  # trailing comment


def main(argv):
    """Docstring of main.

    Two paragraphs.
    """
    print "usage: %s" % argv[0]   # py2 print
    exec "x = 1"
    x = [1,
         2,  # inside brackets
         3]
    s = '''a
multi-line
string'''
    return x; y = 2


class Old:
    def m(self): print "m"
