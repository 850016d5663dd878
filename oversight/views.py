import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from branches.models import Organization
from branches.permissions import access_for, can, require
from oversight import services
from oversight.dashboard import dashboard_for
from oversight.forms import ReplyForm, TopicForm
from oversight.ledger import build_ledger
from oversight.models import Reply, Topic
from oversight.selectors import organizations_user_speaks_for, visible_topics
from portal.pagination import paginate

log = logging.getLogger("portal.audit")


def topic_list(request):
    topics = (
        visible_topics(request.user).select_related("organization").annotate(reply_count=Count("replies"))
        .order_by("-last_activity_at", "-pk")  # Meta.ordering does not apply to an aggregated query
    )
    status = request.GET.get("status")
    if status in Topic.Status.values:
        topics = topics.filter(status=status)
    return render(request, "oversight/topic_list.html", {"status": status, **paginate(request, topics)})


@require_http_methods(["GET", "POST"])
def topic_create(request):
    form = TopicForm(request.POST or None, organizations=organizations_user_speaks_for(request.user))
    if request.method == "POST" and form.is_valid():
        topic = services.raise_topic(author=request.user, **form.cleaned_data)
        messages.success(request, _("Your problem was posted. Other branches can now answer it."))
        return redirect(topic)
    return render(request, "oversight/topic_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def topic_detail(request, pk):
    topic = get_object_or_404(visible_topics(request.user).select_related("organization", "author"), pk=pk)
    require(request.user, "topic.view", topic)
    form = ReplyForm(request.POST or None, organizations=organizations_user_speaks_for(request.user))
    if request.method == "POST":
        require(request.user, "topic.reply", topic)
        if form.is_valid():
            services.reply_to(topic, author=request.user, **form.cleaned_data)
            messages.success(request, _("Your reply was posted."))
            return redirect(topic)
    replies = topic.replies.select_related("organization", "author")
    return render(request, "oversight/topic_detail.html", {
        "topic": topic, "replies": replies, "form": form,
        "may_resolve": can(request.user, "topic.resolve", topic),
    })


@require_POST
def topic_solution(request, pk, reply_pk):
    topic = get_object_or_404(visible_topics(request.user), pk=pk)
    require(request.user, "topic.resolve", topic)
    reply = get_object_or_404(Reply, pk=reply_pk, topic=topic)
    services.mark_solution(topic, reply, by=request.user)
    messages.success(request, _("The reply was marked as the solution."))
    return redirect(topic)


@require_POST
def topic_reopen(request, pk):
    topic = get_object_or_404(visible_topics(request.user), pk=pk)
    require(request.user, "topic.resolve", topic)
    services.reopen(topic, by=request.user)
    messages.success(request, _("The problem is open again."))
    return redirect(topic)


def _year(request):
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def dashboard(request):
    access = access_for(request.user)
    roots = list(access.overseen_organizations().filter(kind=Organization.Kind.COMMITTEE)[:50]) \
        or access.overseen_roots
    if not roots:
        raise PermissionDenied
    org = roots[0]
    if org_id := request.GET.get("org"):
        if not org_id.isdigit():
            raise Http404
        org = get_object_or_404(Organization, pk=org_id)
    require(request.user, "organization.dashboard", org)
    year = _year(request)
    figures = dashboard_for(org, year)
    chart = {
        "labels": [row["org"].display_name for row in figures["rows"]],
        "series": [
            {"label": _("Three meetings and one lesson"), "data": [row["meetings"] for row in figures["rows"]]},
            {"label": _("Theme Party days"), "data": [row["theme_days"] for row in figures["rows"]]},
            {"label": _("Joint and other activities"), "data": [row["joint"] for row in figures["rows"]]},
        ],
        "kinds": figures["kinds"],
    }
    return render(request, "oversight/dashboard.html", {
        "org": org, "year": year, "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        "choices": roots, "chart": chart, **figures,
    })


def ledger(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    require(request.user, "organization.ledger", org)
    year = _year(request)
    log.info("ledger export org=%s year=%s by=%s", org.pk, year, request.user.pk)
    response = HttpResponse(
        build_ledger(org, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = _("%(org)s activity ledger %(year)s.xlsx") % {"org": org.name, "year": year}
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
