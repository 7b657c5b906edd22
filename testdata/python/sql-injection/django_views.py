from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpResponse

from .models import Account


def search(request):
    term = request.GET.get("q", "")
    # ruleid: python/sql-injection
    rows = Account.objects.raw("SELECT * FROM account WHERE name = '%s'" % term)
    return HttpResponse(len(list(rows)))


def search_safe(request):
    term = request.GET.get("q", "")
    # ok: python/sql-injection -- raw() with params
    rows = Account.objects.raw("SELECT * FROM account WHERE name = %s", [term])
    return HttpResponse(len(list(rows)))


def by_cursor(request, account_id):
    with connection.cursor() as cursor:
        # ruleid: python/sql-injection
        cursor.execute("UPDATE account SET seen = 1 WHERE id = " + account_id)
    return HttpResponse("ok")


def by_cursor_safe(request, account_id):
    with connection.cursor() as cursor:
        # ok: python/sql-injection -- parameterized
        cursor.execute("UPDATE account SET seen = 1 WHERE id = %s", [account_id])
    return HttpResponse("ok")


def annotate(request):
    expr = request.POST["expr"]
    # ruleid: python/sql-injection
    qs = Account.objects.annotate(v=RawSQL("SELECT " + expr, []))
    return HttpResponse(qs.count())


def extra(request):
    where = request.GET["where"]
    # ruleid: python/sql-injection
    qs = Account.objects.extra(where=[where])
    return HttpResponse(qs.count())


def numeric(request):
    limit = int(request.GET.get("limit", "10"))
    with connection.cursor() as cursor:
        # ok: python/sql-injection -- an int
        cursor.execute("SELECT * FROM account LIMIT " + str(limit))
    return HttpResponse("ok")
