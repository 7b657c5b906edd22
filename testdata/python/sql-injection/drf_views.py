"""Django REST framework views: `request.query_params`, `request.data` and URL arguments."""
from django.db import connection
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView


@api_view(["GET"])
def search(request):
    term = request.query_params.get("q", "")
    with connection.cursor() as cur:
        # ruleid: python/sql-injection
        cur.execute("SELECT id FROM items WHERE name LIKE '%" + term + "%'")
        rows = cur.fetchall()
    return Response({"ids": [r[0] for r in rows]})


@api_view(["GET"])
def search_bound(request):
    term = request.query_params.get("q", "")
    with connection.cursor() as cur:
        # ok: python/sql-injection -- bound parameter
        cur.execute("SELECT id FROM items WHERE name LIKE %s", ["%" + term + "%"])
        rows = cur.fetchall()
    return Response({"ids": [r[0] for r in rows]})


class ItemView(APIView):
    def post(self, request, format=None):
        name = request.data.get("name")
        with connection.cursor() as cur:
            # ruleid: python/sql-injection
            cur.execute(f"INSERT INTO items (name) VALUES ('{name}')")
        return Response(status=201)

    def get(self, request):
        order = self.request.query_params.get("order", "id")
        columns = {"id": "id", "name": "name"}
        with connection.cursor() as cur:
            # ok: python/sql-injection -- the column comes from a fixed mapping
            cur.execute("SELECT id FROM items ORDER BY " + columns.get(order, "id"))
        return Response({})


class ItemViewSet(viewsets.ViewSet):
    def retrieve(self, request, pk=None):
        with connection.cursor() as cur:
            # ruleid: python/sql-injection
            cur.execute("SELECT * FROM items WHERE id = " + pk)
            row = cur.fetchone()
        return Response({"row": row})

    def list(self, request):
        limit = int(request.query_params.get("limit", "10"))
        with connection.cursor() as cur:
            # ok: python/sql-injection -- converted to a number
            cur.execute("SELECT * FROM items LIMIT " + str(limit))
            rows = cur.fetchall()
        return Response({"rows": rows})
