def generated(x):
    return x if x else (x if x else (x if x else (x if x else (x if x else x))))
