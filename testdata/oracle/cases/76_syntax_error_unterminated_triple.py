def f():
    return 1

doc = """never
closed
