# Starlette handlers receive the request as a parameter (annotated or not).
from sqlalchemy import create_engine, text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

engine = create_engine("sqlite:///reports.db")


def where_clause(field, value):
    return f"{field} = '{value}'"


async def report(request):
    team = request.path_params["team"]
    period = request.query_params.get("period", "2024")
    where = " AND ".join([where_clause("team", team), where_clause("period", period)])
    with engine.connect() as conn:
        # ruleid: python/sql-injection
        rows = conn.execute(text("SELECT metric FROM reports WHERE " + where)).all()
    return JSONResponse([r[0] for r in rows])


async def by_id(request: Request):
    report_id = int(request.path_params["id"])
    with engine.connect() as conn:
        # ok: python/sql-injection -- an integer, and the query is parameterized anyway
        rows = conn.execute(text("SELECT metric FROM reports WHERE id = :id"), {"id": report_id}).all()
        # ok: python/sql-injection -- int() leaves no quote to break out of
        more = conn.execute(text(f"SELECT metric FROM reports WHERE id = {report_id}")).all()
    return JSONResponse([r[0] for r in rows + more])


async def search(request: Request):
    form = await request.form()
    name = form.get("name", "")
    with engine.connect() as conn:
        # ruleid: python/sql-injection
        conn.execute(text("SELECT * FROM users WHERE name = '%s'" % name))
        # ok: python/sql-injection -- bound parameter
        conn.execute(text("SELECT * FROM users WHERE name = :n"), {"n": name})
    return JSONResponse({})


app = Starlette(routes=[Route("/reports/{team}", report), Route("/r/{id}", by_id),
                        Route("/search", search, methods=["POST"])])
