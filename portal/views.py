from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render

from branches.permissions import access_for


def home(request):
    access = access_for(request.user)
    memberships = sorted(access.memberships, key=lambda m: m.organization.path)
    return render(request, "portal/home.html", {"memberships": memberships})


@login_not_required
def healthz(request):
    """For the load balancer and docker-compose: the app is up and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
