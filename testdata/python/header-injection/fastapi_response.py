from fastapi import FastAPI, Response

app = FastAPI()


@app.get("/track")
def track(response: Response, ref: str = ""):
    # ruleid: python/header-injection
    response.headers["X-Referral-Code"] = ref
    # ok: python/header-injection -- a constant value
    response.headers["Cache-Control"] = "no-store"
    return {"tracked": bool(ref)}
