import json

from django.http import HttpResponse
from django.template import Context, Template
from django.template.loader import render_to_string


def with_data(request):
    t = Template("Viewing page. With data {{ data }}.")
    data = json.loads(request.body.decode("utf-8"))
    # ok: python/xss -- Django templates escape what they output
    return HttpResponse(t.render(Context({"data": data})))


def from_file(request):
    # ok: python/xss -- rendered by a Django template, escaped
    return HttpResponse(render_to_string("search.html", {"q": request.GET.get("q", "")}))


def raw(request):
    data = json.loads(request.body.decode("utf-8"))
    # ruleid: python/xss
    return HttpResponse("<p>%s</p>" % data["x"])
