def f(:
    pass

class = 3
for in range(3):
    pass
