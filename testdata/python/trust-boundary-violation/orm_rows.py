"""Session values taken from database rows a query found, not from the request."""
from django.http import JsonResponse

from .models import Membership


def select_workspace(request):
    workspace_id = request.POST.get("workspace")
    membership = (
        Membership.objects.filter(user=request.user, workspace_id=workspace_id)
        .select_related("workspace")
        .first()
    )
    if membership is None:
        return JsonResponse({"error": "not a member"}, status=403)
    # ok: python/trust-boundary-violation -- the primary key of a row the query found
    request.session["workspace_id"] = membership.workspace.pk
    return JsonResponse({"workspace": membership.workspace.name})


def remember_workspace(request):
    workspace_id = request.POST.get("workspace")
    Membership.objects.filter(user=request.user).count()
    # ruleid: python/trust-boundary-violation
    request.session["workspace_id"] = workspace_id
    return JsonResponse({})


def remember_created(request):
    label = request.POST.get("label")
    note = Membership.objects.create(user=request.user, label=label)
    # ruleid: python/trust-boundary-violation
    request.session["label"] = note.label
    return JsonResponse({})
