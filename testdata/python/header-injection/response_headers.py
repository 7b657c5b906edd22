"""Headers given to a response's constructor (`headers=`)."""
import re

from starlette.responses import PlainTextResponse, Response


async def export(request):
    label = request.query_params.get("label", "orders")
    disposition = 'attachment; filename="%s.csv"' % label
    # ruleid: python/header-injection
    return Response("id,total\n", media_type="text/csv", headers={"Content-Disposition": disposition})


async def export_checked(request):
    label = request.query_params.get("label", "orders")
    if not re.fullmatch(r"[a-z0-9_-]{1,32}", label):
        label = "orders"
    # ok: python/header-injection -- the label matched a fixed pattern
    return Response("id,total\n", media_type="text/csv", headers={"Content-Disposition": f'attachment; filename="{label}.csv"'})


async def echo(request):
    label = request.query_params.get("label", "orders")
    # ok: python/header-injection -- the input is the body, the headers are constant
    return PlainTextResponse(label, headers={"Cache-Control": "no-store"})
