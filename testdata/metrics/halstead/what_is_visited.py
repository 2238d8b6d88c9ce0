# Decorators, defaults and annotations of a def are never visited; class decorators, bases and
# keywords are, as module-level code. Annotations of variables, match values, f-string
# interpolations and lambda defaults are visited where they stand.
import functools


def deco(n=1 + 1):
    return lambda f: f


@deco(2 * 3)
def annotated(a: int | None = -1, *, b: "str" = 2 ** 8) -> list[int] | None:
    x: int | str = a
    x += b
    x -= 1
    x @= b
    return x


@functools.lru_cache(maxsize=2 ** 10)
class Widget(Base if 1 > 0 else object, metaclass=Meta or type):
    size = 3 * 4

    def area(self, w=5 * 5):
        return f"{self.size * w:>{w + 1}}"

    class Inner:
        def area(self, w):
            # A method of an inner class is its own entry, named `area` like the outer one.
            return w // 2 % 3 << 1 >> 2 | 4 & 5 ^ 6


def matcher(p):
    match p:
        case -1:
            return ~p
        case 1 + 2j:
            return +p
        case {"k": -2}:
            return p if p in [1] else p not in [2]
        case _:
            return (q := p - 1) is None


def with_lambda(xs):
    return sorted(xs, key=lambda v, d=2 - 1: -v + d)
