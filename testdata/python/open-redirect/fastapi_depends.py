"""FastAPI dependencies: the route's parameter receives what the dependency returns."""
from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import RedirectResponse

app = FastAPI()
ALLOWED = {"/home", "/orders"}


def next_target(request: Request) -> str:
    return request.query_params.get("next", "/")


def checked_target(next: str = Query("/home")) -> str:
    return next if next in ALLOWED else "/home"


def page_size(size: int = Query(20)) -> int:
    return min(size, 100)


@app.get("/callback")
async def callback(code: str, target: str = Depends(next_target)):
    # ruleid: python/open-redirect
    return RedirectResponse(target)


@app.get("/callback/checked")
async def callback_checked(target: str = Depends(checked_target)):
    # ok: python/open-redirect -- the dependency returns an allow-listed path
    return RedirectResponse(target)


@app.get("/list")
async def listing(size: int = Depends(page_size)):
    # ok: python/open-redirect -- a number
    return RedirectResponse(f"/orders?size={size}")
