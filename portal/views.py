from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from activities.models import Activity
from activities.queries import my_activities
from branches.permissions import access_for

UPCOMING_ON_HOME = 5


def home(request):
    access = access_for(request.user)
    memberships = sorted(access.memberships, key=lambda m: m.organization.path)
    upcoming = (
        my_activities(request.user)
        .filter(status=Activity.Status.PLANNED, ends_at__gte=timezone.now())
        .select_related("organizer")
        .order_by("starts_at", "pk")[:UPCOMING_ON_HOME]
    )
    return render(request, "portal/home.html", {"memberships": memberships, "upcoming": upcoming})


@login_not_required
def healthz(request):
    """For the load balancer and docker-compose: the app is up and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
