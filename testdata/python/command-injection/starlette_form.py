import asyncio
import shlex

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def git_log(request):
    form = await request.form()
    branch = form.get("branch", "main")
    # ruleid: python/command-injection
    proc = await asyncio.create_subprocess_shell(f"git log --oneline -n 20 {branch}")
    out, _ = await proc.communicate()
    # ok: python/command-injection -- quoted for the shell
    quoted = await asyncio.create_subprocess_shell(f"git log -n 5 {shlex.quote(branch)}")
    await quoted.communicate()
    # ok: python/command-injection -- an argument list, no shell
    listed = await asyncio.create_subprocess_exec("git", "log", "-n", "5", branch)
    await listed.communicate()
    return PlainTextResponse(out.decode())


app = Starlette(routes=[Route("/log", git_log, methods=["POST"])])
