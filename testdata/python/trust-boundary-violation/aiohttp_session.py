"""aiohttp-session: what the handler stores in the session."""
from aiohttp import web
from aiohttp_session import get_session


async def select_account(request):
    data = await request.post()
    session = await get_session(request)
    # ruleid: python/trust-boundary-violation
    session["account_id"] = data["account_id"]
    raise web.HTTPSeeOther("/dashboard")


async def remember_visit(request):
    session = await get_session(request)
    # ok: python/trust-boundary-violation -- a constant
    session["visited"] = True
    return web.json_response({})
