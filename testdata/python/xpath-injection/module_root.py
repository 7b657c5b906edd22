"""A module-level document root (`ET.parse(path).getroot()`) queried with a built path."""
import xml.etree.ElementTree as ET

from django.http import JsonResponse

LIBRARY = ET.parse("/srv/library/books.xml").getroot()
AUTHORS = {"austen", "bronte"}


def books_by_author(request):
    author = request.GET.get("author", "")
    # ruleid: python/xpath-injection
    matches = LIBRARY.findall(f".//book[@author='{author}']")
    return JsonResponse({"titles": [b.findtext("title") for b in matches]})


def books_by_known_author(request):
    author = request.GET.get("author", "")
    if author not in AUTHORS:
        return JsonResponse({"titles": []})
    # ok: python/xpath-injection -- allow-listed
    matches = LIBRARY.findall(f".//book[@author='{author}']")
    return JsonResponse({"titles": [b.findtext("title") for b in matches]})
