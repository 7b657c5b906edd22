import ast

FORMULA = "1 + 2"


def calc(expr, scope):
    # ruleid: python/eval-non-literal
    value = eval(expr)
    # ruleid: python/eval-non-literal
    exec("result = " + expr, scope)
    # ok: python/eval-non-literal -- constant code
    fixed = eval("1 + 2")
    # ok: python/eval-non-literal -- module constant
    other = eval(FORMULA)
    # ok: python/eval-non-literal -- literals only
    safe = ast.literal_eval(expr)
    return value, fixed, other, safe


def shadowed(expr):
    def eval(x):
        return x

    # ok: python/eval-non-literal -- a local function named eval
    return eval(expr)


class Model:
    def eval(self, data):
        return data


def method_call(model, data):
    # ok: python/eval-non-literal -- a method named eval
    return model.eval(data)


# ok: python/eval-non-literal -- only mentioned in a string: eval(user_input)
NOTE = "never call eval(user_input)"
