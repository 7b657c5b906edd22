# A host allow-list checked on a field of a request body model holds for the later reads of that
# field, not for the other fields nor for a variable assigned since.
from urllib.parse import urlparse

import httpx
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
ALLOWED_HOSTS = {"hooks.slack.com", "events.pagerduty.com"}


class Webhook(BaseModel):
    target: str
    mirror: str
    message: str


@app.post("/notify")
async def notify(hook: Webhook):
    parsed = urlparse(hook.target)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="target not allowed")
    async with httpx.AsyncClient(timeout=5) as client:
        # ok: python/ssrf -- the target's host was checked against the allow-list
        r = await client.post(hook.target, json={"text": hook.message})
        # ruleid: python/ssrf
        await client.post(hook.mirror, json={"text": hook.message})
    return {"status": r.status_code}


@app.post("/relay")
async def relay(hook: Webhook, fallback: Webhook):
    if urlparse(hook.target).hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400)
    hook = fallback
    # ruleid: python/ssrf
    return httpx.post(hook.target, timeout=5).status_code
