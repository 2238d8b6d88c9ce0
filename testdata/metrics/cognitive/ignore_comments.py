import functools


def kept(x):
    return x or 1


def hidden_on_def_line(x):  # complexipy: ignore
    return x or 1


# noqa: complexipy
def hidden_by_line_above(x):
    return x or 1


def hidden_on_signature(
    x,  # COMPLEXIPY : ignore
):
    return x or 1


@functools.cache  # complexipy: ignore
def hidden_on_decorator(x):
    return x or 1


@functools.cache

# complexipy: ignore
def kept_comment_line_between_decorator_and_def(x):
    return x or 1


def kept_rule_list(x):  # complexipy: ignore[C001]
    return x or 1


def kept_marker_in_string(x):
    """# complexipy: ignore"""
    return x or 1


async def kept_async_second_line(
    x,  # complexipy: ignore
):
    return x or 1


def kept_ignored_word(x):  # complexipy: ignored
    return x or 1


x = 1  # complexipy: ignore
def kept_trailing_comment_above_is_not_own_line(x):
    return x or 1


class Holder:
    def method(self):  # noqa: complexipy
        return self or 1
