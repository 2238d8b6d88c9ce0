# an unclosed bracket: CPython's tokenizer never closes the run
def f(a):
    return g(a,
             b

def h():
    return 1
