from django.http import HttpResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView


class PreviewView(TemplateView):
    template_name = "preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bio = self.request.GET.get("bio", "")
        # ruleid: python/xss
        context["bio_html"] = mark_safe("<p>" + bio + "</p>")
        # ok: python/xss -- escaped first
        context["bio_escaped"] = mark_safe("<p>" + escape(bio) + "</p>")
        return context


class ProfileView(View):
    def get(self, request, username):
        # ruleid: python/xss
        return HttpResponse("<h1>" + username + "</h1>")

    def post(self, request, *args, **kwargs):
        slug = self.kwargs.get("slug", "")
        # ruleid: python/xss
        return HttpResponse("<h1>" + slug + "</h1>")

    def put(self, request, username):
        # ok: python/xss -- escaped
        return HttpResponse("<h1>" + escape(username) + "</h1>")


class Report:
    """Not a view: its `request` is whatever the caller stored."""

    def __init__(self, request):
        self.request = request

    def render(self):
        # ok: python/xss -- not a Django view: nothing says what `self.request` holds
        return HttpResponse("<h1>" + str(self.request) + "</h1>")


def tag_list(request):
    from django.utils.html import format_html_join

    names = request.GET.getlist("tag")
    body = format_html_join("", "<li>{}</li>", ((n,) for n in names))
    # ok: python/xss -- format_html_join escapes each value
    return HttpResponse("<ul>" + body + "</ul>")


def tag_list_raw(request):
    names = request.GET.getlist("tag")
    body = "".join("<li>" + n + "</li>" for n in names)
    # ruleid: python/xss
    return HttpResponse("<ul>" + body + "</ul>")
