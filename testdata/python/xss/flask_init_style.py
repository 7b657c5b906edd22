import html

import flask


def init(app):
    @app.route("/greet/a", methods=["GET"])
    def greet_a():
        param = ""
        if flask.request.headers.get("X-Name") is not None:
            param = flask.request.headers.get("X-Name")
        body = "<p>Hello " + param + "</p>"
        # ruleid: python/xss
        return body

    @app.route("/greet/b", methods=["POST"])
    def greet_b():
        param = flask.request.form.get("name", "")
        body = "<p>Hello "
        body += html.escape(param)
        # ok: python/xss -- escaped
        return body + "</p>"

    @app.route("/greet/c")
    def greet_c():
        values = flask.request.args.getlist("v")
        chosen = "safe"
        if len(values) > 5:
            chosen = values[0]
        items = ["a", chosen, "b"]
        # ok: python/xss -- a constant element of the list
        return "<p>" + items[2] + "</p>"
