# Nesting: if/elif/else, loops, except handlers, match cases, ternaries, lambdas and
# comprehensions deepen it; try bodies, else/finally, loop else and with bodies do not.
def nested(xs, ys):
    for x in xs:
        if x:
            while x > 0:
                x -= 1
            else:
                pass
        elif x is None:
            continue
        else:
            break
    else:
        try:
            pass
        except ValueError:
            if ys:
                pass
        else:
            for y in ys:
                pass
        finally:
            with ctx():
                if ys:
                    pass
    try:
        pass
    except* TypeError:
        if xs:
            pass
    return [a for a in xs if a if not a for b in ys]


def expressions(xs, flag):
    value = xs[0] if flag else (xs[1] if xs else None)
    key = lambda v: v if flag else -v
    sorted(xs, key=lambda v: v if flag else -v)
    table = {k: (v if flag else k) for k, v in xs if k or v}
    return value, key, table, (a for a in xs)


def matcher(command):
    match command:
        case ["go", direction] if direction:
            if direction == "north":
                return 1
        case _:
            return 0
