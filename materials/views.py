from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from branches.permissions import access_for, can, require
from materials import services
from materials.filters import MaterialFilter
from materials.forms import MaterialForm
from materials.models import StudyRecord
from materials.selectors import (
    materials_for_organization, members_of, public_news, visible_materials, with_study_state,
)
from portal.pagination import paginate
from portal.uploads import content_type_for, content_type_of

def material_list(request):
    visible = visible_materials(request.user)
    materials = with_study_state(visible, request.user).select_related("owner").prefetch_related("topics")
    library = MaterialFilter(request.GET, queryset=materials)
    live = visible.published()
    return render(request, "materials/material_list.html", {
        "filter": library,
        **paginate(request, library.qs),
        "searching": bool(request.GET.get("q", "").strip()),
        "my_studied": StudyRecord.objects.filter(user=request.user, material__in=live.values("pk")).count(),
        "my_total": live.count(),
        "can_publish": can(request.user, "material.create"),
    })


def material_detail(request, pk):
    material = get_object_or_404(
        visible_materials(request.user).select_related("owner", "created_by").prefetch_related("topics"), pk=pk
    )
    return render(request, "materials/material_detail.html", {
        "material": material,
        "record": StudyRecord.objects.filter(user=request.user, material=material).first(),
        "can_edit": can(request.user, "material.edit", material),
        "progress_orgs": [
            org for org in access_for(request.user).managed_roots if not org.is_external
        ],
    })


@require_POST
def material_studied(request, pk):
    material = get_object_or_404(visible_materials(request.user).published(), pk=pk)
    _record, created = services.mark_studied(request.user, material)
    if created:
        messages.success(request, _("Marked as studied."))
    else:
        messages.info(request, _("Your study time was updated."))
    target = request.POST.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(material)


def _serve(request, pk, field):
    material = visible_materials(request.user).filter(pk=pk).first()
    if material is None:
        # Visitors are asked to sign in; to the signed in, a hidden material does not exist.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    stored = getattr(material, field)
    if not stored:
        raise Http404
    if field == "attachment":
        kind = material.attachment_type or stored.name.rsplit(".", 1)[-1]
        inline = kind == "pdf" and not request.GET.get("download")
        response = FileResponse(stored.open("rb"), as_attachment=not inline,
                                filename=material.attachment_name or f"material.{kind}",
                                content_type=content_type_for(kind))
    else:
        response = FileResponse(stored.open("rb"), content_type=content_type_of(stored.name))
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_not_required
def material_attachment(request, pk):
    return _serve(request, pk, "attachment")


@login_not_required
def material_cover(request, pk):
    return _serve(request, pk, "cover")


@require_http_methods(["GET", "POST"])
def material_create(request):
    require(request.user, "material.create")
    organizations = access_for(request.user).managed_organizations().order_by("path")
    initial = {}
    if request.GET.get("org", "").isdigit():
        initial["owner"] = organizations.filter(pk=request.GET["org"]).first()
    form = MaterialForm(request.POST or None, request.FILES or None, organizations=organizations, initial=initial)
    if request.method == "POST" and form.is_valid():
        require(request.user, "material.create", form.cleaned_data["owner"])
        material = services.save_material(form, by=request.user)
        messages.success(request, _("The material was saved."))
        return redirect(material)
    return render(request, "materials/material_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def material_edit(request, pk):
    material = get_object_or_404(visible_materials(request.user).select_related("owner"), pk=pk)
    require(request.user, "material.edit", material)
    organizations = access_for(request.user).managed_organizations().order_by("path")
    form = MaterialForm(request.POST or None, request.FILES or None, instance=material, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        material = services.save_material(form, by=request.user)
        messages.success(request, _("The material was saved."))
        return redirect(material)
    return render(request, "materials/material_form.html", {"form": form, "material": material})


def _progress_organization(request):
    """The organisation whose progress is asked for, among those the user manages."""
    managed = access_for(request.user).managed_organizations().internal().order_by("path")
    org_id = request.GET.get("org")
    org = get_object_or_404(managed, pk=org_id) if org_id and org_id.isdigit() else managed.first()
    if org is None:
        raise PermissionDenied
    require(request.user, "material.view_progress", org)
    return org, managed


def study_progress(request):
    """Per material (n of m members studied) or per member (how many they studied).

    Shown only to those who manage the organisation; members are listed by name, never
    ranked.
    """
    org, managed = _progress_organization(request)
    members = members_of(org)
    materials = materials_for_organization(org)
    by_member = request.GET.get("by") == "member"
    if by_member:
        rows = members.annotate(
            studied=Count("study_records", filter=Q(study_records__material__in=materials.values("pk")), distinct=True)
        ).order_by("name", "username")
    else:
        rows = materials.select_related("owner").annotate(
            studied=Count("study_records", filter=Q(study_records__user__in=members.values("pk")), distinct=True)
        ).order_by("-published_at", "-pk")
    return render(request, "materials/progress.html", {
        "org": org,
        "organizations": managed,
        "by_member": by_member,
        **paginate(request, rows),
        "member_count": members.count(),
        "material_count": materials.count(),
    })


def material_progress(request, pk):
    """Which members of the organisation have studied one material, and when."""
    org, _managed = _progress_organization(request)
    material = get_object_or_404(visible_materials(request.user), pk=pk)
    records = {
        r.user_id: r for r in StudyRecord.objects.filter(material=material, user__in=members_of(org).values("pk"))
    }
    members = list(members_of(org).order_by("name", "username"))
    for person in members:
        person.record = records.get(person.pk)
    return render(request, "materials/material_progress.html", {
        "org": org, "material": material, "members": members, "studied": len(records),
    })


@login_not_required
def news_list(request):
    news = public_news().select_related("owner")
    return render(request, "materials/news_list.html", paginate(request, news))


@login_not_required
def news_detail(request, pk):
    material = get_object_or_404(public_news().select_related("owner"), pk=pk)
    return render(request, "materials/news_detail.html", {"material": material})
