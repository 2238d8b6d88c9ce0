"""A module with one function and one method over the threshold."""


def classify(n, flags):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    for f in flags:
        if f and n % 2:
            return "odd-flagged"
    while n > 100:
        n //= 2
    return "positive" if n else "zero"


class Loader:
    def load(self, items):
        out = []
        for item in items:
            try:
                out.append(int(item))
            except ValueError:
                continue
            except TypeError:
                pass
        return [x for x in out if x > 0 and x < 10 or x == 42]

    def simple(self):
        return 1
