"""Session values read from database rows (asyncpg), not from the request."""
from aiohttp import web
from aiohttp_session import new_session


async def login(request):
    form = await request.post()
    row = await request.app["db"].fetchrow("SELECT id FROM accounts WHERE email = $1", form.get("email", ""))
    if row is None:
        raise web.HTTPUnauthorized()
    session = await new_session(request)
    # ok: python/trust-boundary-violation -- the id of the row the query found
    session["account_id"] = row["id"]
    raise web.HTTPFound("/bookings")


async def remember(request):
    form = await request.post()
    session = await new_session(request)
    # ruleid: python/trust-boundary-violation
    session["email"] = form.get("email", "")
    raise web.HTTPFound("/bookings")
