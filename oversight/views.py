from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from branches.permissions import can, require
from oversight import services
from oversight.forms import ReplyForm, TopicForm
from oversight.models import Reply, Topic
from oversight.selectors import organizations_user_speaks_for, visible_topics


def topic_list(request):
    topics = visible_topics(request.user).select_related("organization", "author")
    status = request.GET.get("status")
    if status in Topic.Status.values:
        topics = topics.filter(status=status)
    page = Paginator(topics, 20).get_page(request.GET.get("page"))
    return render(request, "oversight/topic_list.html", {
        "page": page, "status": status, "query_string": f"status={status}" if status else "",
    })


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
