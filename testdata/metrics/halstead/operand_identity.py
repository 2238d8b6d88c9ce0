# Any operand that is not a name, an attribute or a constant is distinct from every other,
# even with the same text.
def calls(f, x):
    return f(x) + f(x) - f(x)


def unary_and_nested(x, y):
    z = -x - (-x)
    w = (x + y) * (x + y)
    return not z, [x] + [x], x[0] + x[0], f"{x}" + f"{x}", (lambda: x) + (lambda: x)


def surrogates():
    # ruff decodes lone surrogates to U+FFFD; Python keeps them apart.
    a = '\ud800' + '\udc00'
    b = '\ud800' + '\ud800'
    c = '\ufffd' + '\ufffd'
    return a + b + c
