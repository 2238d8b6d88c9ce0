# A decorator whose name ends in `async` is not the `async` keyword (held-out code: asgiref's
# @sync_to_async); nor is a class's; keywords split by backslash continuations.
@to_async
def f():
    return 1


@sync_to_async
async def g(x):
    if x:
        return 1
    return 2


@make_async
class C:
    @to_async
    def m(self, a):
        return a or 1


def \
        continued(a):
    return a and 1


async \
    def continued_async(a):
    return a if a else 2
