def test_deep(x):
    if x and x or x and x or x and x or x:
        return 1
