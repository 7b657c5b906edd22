"""aiohttp responses' cookies."""
import secrets

from aiohttp import web


async def login(request):
    resp = web.json_response({"ok": True})
    # ruleid: python/insecure-cookie
    resp.set_cookie("sid", secrets.token_urlsafe(32), httponly=True, max_age=3600)
    return resp


async def login_secure(request):
    resp = web.json_response({"ok": True})
    # ok: python/insecure-cookie -- secure and httponly
    resp.set_cookie("sid", secrets.token_urlsafe(32), secure=True, httponly=True, max_age=3600)
    return resp
