from django.shortcuts import render

from branches.permissions import access_for


def home(request):
    access = access_for(request.user)
    memberships = sorted(access.memberships, key=lambda m: m.organization.path)
    return render(request, "portal/home.html", {"memberships": memberships})
