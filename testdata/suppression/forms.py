# antipasta: ignore-file[loc]
def plain(a, b):  # antipasta: ignore
    if a and b:
        return 1
    return 2


@decorator
def decorated(a, b):
    if a and b:
        return 1
    return 2


# antipasta: ignore[cyc<=2]
@decorator
async def capped(a, b):
    if a and b:
        return 1
    return 2


def wrapped(
    a,
    b,
):  # antipasta: ignore[cyclomatic_complexity]
    s = "# antipasta: ignore"
    if a and b:
        return 1
    return 2


def fine(x):  # antipasta: ignore[cog, bogus]
    return x


def noqa(a, b):  # noqa: C901
    if a and b:
        return 1
    return 2


class Box:
    # antipasta: ignore
    def method(self, a, b):
        if a and b:
            return 1
        return 2

    def other(self, a, b):
        if a and b:
            return 1
        return 2


def outer(a, b):
    # antipasta: ignore
    def inner(c):
        return c

    if a and b:
        return inner(1)
    return 2


def hidden_by_complexipy(a, b):  # complexipy: ignore
    if a and b:
        return 1
    return 2


def text_is_not_a_comment(a, b):
    """# antipasta: ignore"""
    if a and b:
        return 1
    return 2


@first
@second(
    "arg",
)  # antipasta: ignore[cog]
def decorated_twice(a, b):
    if a and b:
        return 1
    return 2
