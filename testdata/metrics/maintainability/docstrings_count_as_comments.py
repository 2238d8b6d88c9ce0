"""A module whose comment share comes from docstrings.

With multi=True (radon mi's default, antipasta's) these lines count as comments;
with multi=False only the # lines do.
"""


def scale(values, factor):
    """Multiply every value.

    Returns a new list.
    """
    out = []
    for v in values:
        if v > 0 and factor != 0:
            out.append(v * factor)
        else:
            out.append(-v)
    return out


def total(values):
    # a plain comment
    return sum(v + 1 for v in values if v is not None)
