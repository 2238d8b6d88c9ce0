# Operand keys compare as Python compares them: 1 == 1.0 == True, 0 == 0.0 == False == 0j.
def ints_and_floats(x):
    a = x + 1
    b = x + 1.0
    c = x + True
    d = x - 0
    e = x - 0.0
    f = x - False
    g = x - 0j
    h = x * 2j
    return a < 0.5 and b < 0.5


def big_numbers(x):
    # 2**53 + 1 is not a float; the float literal rounds to 2**53.
    a = x + 9007199254740993
    b = x + 9007199254740993.0
    c = x + 9007199254740992
    d = x + 0x10000000000000000000000
    e = x + 1208925819614629174706176
    f = x + 1208925819614629174706176.0
    g = x + 1_000_000
    h = x + 0o17 + 15 + 0b1111
    return a or b or c or d or e or f or g or h


def strings_names_attributes(self, x):
    # The name x, the attribute .x and the string "x" are one operand; b"x" is another.
    if x == "x" or self.x == b"x":
        return x + "x" + "y" "z" + "yz"
    return None is not ... and None != ...
