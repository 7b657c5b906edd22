"""A Django form view's bound form carries the request's data into `form_valid`."""
import shlex
import subprocess

from django import forms
from django.http import HttpResponse
from django.views.generic.edit import FormView


class DiagnosticsForm(forms.Form):
    host = forms.CharField(max_length=253)
    count = forms.IntegerField(min_value=1, max_value=5)


class NetworkCheckView(FormView):
    template_name = "diagnostics.html"
    form_class = DiagnosticsForm

    def form_valid(self, form):
        host = form.cleaned_data["host"].strip()
        # ruleid: python/command-injection, python/subprocess-shell-true
        output = subprocess.check_output("ping -c 1 %s" % host, shell=True, text=True)
        return HttpResponse(output, content_type="text/plain")


class QuotedCheckView(FormView):
    template_name = "diagnostics.html"
    form_class = DiagnosticsForm

    def form_valid(self, form):
        host = shlex.quote(form.cleaned_data["host"])
        # ok: python/command-injection, python/subprocess-shell-true -- quoted for the shell
        output = subprocess.check_output("ping -c 1 " + host, shell=True, text=True)
        return HttpResponse(output, content_type="text/plain")
