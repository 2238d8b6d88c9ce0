# MI's comment term is 50*sin(sqrt(2.46*radians(pct))): more comments can lower it.
# one
# two
# three
# four
# five
# six
# seven
# eight
# nine
# ten
def f(a, b):  # trailing comments count too
    # inside
    return a + b - a * b  # and here
