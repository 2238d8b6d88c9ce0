# Nested defs are folded into their parent one level deeper; a def whose body is exactly
# [def, return] is scored as its inner def; a class inside a function adds its methods at the same
# nesting; recursion by bare name is +1 once.
import functools


def decorator(func):
    @functools.wraps(func)
    def wrapper(*args):
        if args:
            return func(*args)
        return None
    return wrapper


def decorator_with_docstring(func):
    """Three statements: the decorator exemption does not apply."""
    def wrapper(*args):
        if args:
            return func(*args)
    return wrapper


def outer(n):
    def helper(m):
        if m:
            return helper(m - 1)
    class Local:
        def method(self):
            if n:
                return outer(n - 1)
    if n > 1:
        def in_branch():
            if n:
                pass
    return outer(n - 1) if n else helper(n)


def not_recursive(self):
    self.not_recursive()
    return lambda: not_recursive()


class Outer:
    if True:
        def conditional(self, x):
            return x or self

    class Inner:
        async def method(self, x):
            async for y in x:
                if y and x:
                    await y

    def __init__(self, x):
        self.x = x if x else 0


# Module-level code counts toward the file total, with defs and classes in it left out.
for i in range(3):
    if i:
        def defined_in_loop():
            return 1 if i else 2
