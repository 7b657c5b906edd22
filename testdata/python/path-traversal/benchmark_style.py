import pathlib

from flask import request

TESTFILES_DIR = pathlib.Path("/srv/testfiles")


def init(app):
    @app.route("/files/a", methods=["POST"])
    def files_a():
        parts = request.path.split("/")
        param = parts[1]
        if not param:
            param = ""
        bar = "alsosafe"
        if param:
            lst = []
            lst.append("safe")
            lst.append(param)
            lst.append("moresafe")
            lst.pop(0)
            bar = lst[0]
        file_name = TESTFILES_DIR / bar
        # ruleid: python/path-traversal
        fd = open(file_name, "rb")
        fd.close()
        return "ok"

    @app.route("/files/b", methods=["POST"])
    def files_b():
        param = request.form.get("name", "")
        lst = ["safe", param, "moresafe"]
        lst.pop(0)
        bar = lst[1]
        # ok: python/path-traversal -- after pop(0) index 1 is the constant "moresafe"
        fd = open(TESTFILES_DIR / bar, "rb")
        fd.close()
        return "ok"

    @app.route("/files/c", methods=["GET"])
    def files_c():
        param = request.args.get("name", "")
        num = 86
        if (7 * 42) - num > 200:
            bar = "This_should_always_happen"
        else:
            bar = param
        # ok: python/path-traversal -- the tainted branch is dead
        fd = open(TESTFILES_DIR / bar, "rb")
        fd.close()
        return "ok"
