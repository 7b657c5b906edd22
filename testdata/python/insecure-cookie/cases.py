from django.http import HttpResponse
from flask import make_response

SECURE = True


def flask_cookies(value):
    resp = make_response("ok")
    # ruleid: python/insecure-cookie
    resp.set_cookie("sid", value)
    # ruleid: python/insecure-cookie
    resp.set_cookie("sid", value, secure=False, httponly=True)
    # ruleid: python/insecure-cookie
    resp.set_cookie("sid", value, secure=True, httponly=False)
    # ok: python/insecure-cookie -- both flags
    resp.set_cookie("sid", value, secure=True, httponly=True, samesite="Lax")
    # ok: python/insecure-cookie -- secure from a constant that is true
    resp.set_cookie("sid", value, secure=SECURE, httponly=True)
    return resp


def django_cookie(request):
    response = HttpResponse("ok")
    # ruleid: python/insecure-cookie
    response.set_cookie("pref", "dark", max_age=3600)
    # ok: python/insecure-cookie -- secure
    response.set_cookie("pref", "dark", max_age=3600, secure=True)
    return response


COOKIE_OPTIONS = {"secure": True, "httponly": True, "samesite": "Strict"}


def token_cookies(request, token):
    response = HttpResponse("ok")
    # ruleid: python/insecure-cookie
    response.set_cookie("auth_token", token, max_age=3600, secure=True, samesite="Lax")
    # ruleid: python/insecure-cookie
    response.set_cookie("sessionid", token, secure=SECURE)
    # ok: python/insecure-cookie -- both flags on the token cookie
    response.set_cookie("auth_token", token, secure=True, httponly=True)
    # ok: python/insecure-cookie -- a CSRF token cookie is read by scripts on purpose
    response.set_cookie("csrftoken", token, secure=True, samesite="Strict")
    # ok: python/insecure-cookie -- the flags come in an options dict
    response.set_cookie("sid", token, **COOKIE_OPTIONS)
    return response
