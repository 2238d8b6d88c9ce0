# Where boolean operators are seen (the sequence rules themselves are oracle case 45): operands
# are not scanned further except through `not` and nested boolean operations.
def sequences(a, b, c, d):
    x = a and f(b or c)
    y = (a or b) + 1
    z = [a or b, {"k": c and d}, (a if b else c) or d]
    return x, y, z


def where_expressions_are_scanned(a, b, items):
    assert a or b, b and a
    raise ValueError(a or b) from (b and a)
    g(a or b, key=b or a, *items)
    with open(a or b) as fh, lock(b and c):
        return fh
