from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from branches import services
from branches.forms import AcceptInvitationForm, InvitationForm, OrganizationBrandForm
from branches.models import Invitation, Organization
from branches.permissions import can, require


def organization_list(request):
    organizations = Organization.objects.annotate(member_count=Count("memberships")).order_by("path")
    return render(
        request,
        "branches/organization_list.html",
        {
            "internal": [org for org in organizations if not org.is_external],
            "external": [org for org in organizations if org.is_external],
        },
    )


def organization_detail(request, pk):
    org = get_object_or_404(Organization.objects.select_related("parent"), pk=pk)
    require(request.user, "organization.view", org)
    children = org.children.annotate(member_count=Count("memberships")).order_by("path")
    members = None
    if can(request.user, "organization.view_members", org):
        members = org.memberships.select_related("user").order_by("role", "user__name")
    return render(
        request,
        "branches/organization_detail.html",
        {"org": org, "children": children, "members": members},
    )


@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    require(request.user, "organization.manage", org)
    form = OrganizationBrandForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The organisation's page was updated."))
        return redirect("organization_detail", pk=org.pk)
    return render(request, "branches/organization_edit.html", {"org": org, "form": form})


@require_http_methods(["GET", "POST"])
def invite_member(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    require(request.user, "organization.invite", org)
    form = InvitationForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        services.invite_member(organization=org, invited_by=request.user, **form.cleaned_data)
        messages.success(request, _("An invitation was emailed to %(email)s.") % form.cleaned_data)
        return redirect("organization_detail", pk=org.pk)
    return render(request, "branches/invite.html", {"org": org, "form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = Invitation.objects.select_related("organization").filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        return render(request, "branches/invitation_invalid.html", status=410 if invitation else 404)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(
            invitation,
            username=form.cleaned_data.get("username"),
            password=form.cleaned_data.get("password1"),
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! You have joined %(org)s.") % {"org": invitation.organization})
        return redirect("organization_detail", pk=invitation.organization_id)
    return render(request, "branches/invitation_accept.html", {"invitation": invitation, "form": form})
