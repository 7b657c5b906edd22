"""Header values chosen from a module-level table of constants by the request's key."""
from aiohttp import web

POLICIES = {
    "public": "public, max-age=3600",
    "staff": "private, no-store",
}


def cache_policy(audience):
    return POLICIES.get(audience.strip().lower(), POLICIES["public"])


def cache_policy_or_raw(audience):
    return POLICIES.get(audience, audience)


async def hours(request):
    audience = request.query.get("audience", "public")
    resp = web.json_response({})
    # ok: python/header-injection -- one of the table's constants, whatever the key
    resp.headers["Cache-Control"] = cache_policy(audience)
    return resp


async def hours_raw(request):
    audience = request.query.get("audience", "public")
    resp = web.json_response({})
    # ruleid: python/header-injection
    resp.headers["Cache-Control"] = cache_policy_or_raw(audience)
    return resp
