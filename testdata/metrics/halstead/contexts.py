# Operands are (context, key) pairs; the context is the bare name of the innermost def.
# Closures fold into their enclosing entry with their own context; two methods named the same
# share a context in the module total.
x = a + b


class First:
    def run(self):
        return self.x + 1


class Second:
    def run(self):
        return self.x + 1

    def other(self):
        return self.x + 1


def outer(x):
    def inner(x):
        return x * 2

    class Local:
        def method(self, x):
            return x * 2

    return inner(x) * 2 + Local().method(x)


if x > 1:
    def conditional(y):
        return y < x
else:
    def conditional(y):
        return y > x

try:
    def in_try(z):
        return z or not z
except ImportError:
    pass
