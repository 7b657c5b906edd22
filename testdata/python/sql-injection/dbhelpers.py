def build_query(value):
    return "SELECT * FROM t WHERE v = '" + value + "'"


def quote_ident(value):
    return "SELECT * FROM t LIMIT " + str(int(value))
