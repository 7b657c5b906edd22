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
