import os
from enum import Enum
from typing import Literal

from fastapi import FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"])


class Theme(str, Enum):
    light = "light"
    dark = "dark"


@app.post("/tenant")
async def set_tenant(request: Request):
    form = await request.form()
    # ruleid: python/trust-boundary-violation
    request.session["tenant"] = form.get("tenant")
    return {}


@app.post("/theme/{theme}")
def set_theme(theme: Theme, request: Request):
    # ok: python/trust-boundary-violation -- FastAPI admits only the enumeration's members
    request.session["theme"] = theme.value
    return {"theme": theme.value}


@app.post("/lang/{lang}")
def set_lang(lang: Literal["en", "de", "fr"], request: Request):
    # ok: python/trust-boundary-violation -- one of three constants
    request.session["lang"] = lang
    return {"lang": lang}
