from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from branches.permissions import can, require
from pairings import services
from pairings.filters import PairingFilter
from pairings.forms import CommentForm, PairingForm, RejectForm, TerminateForm
from pairings.queries import pairings_awaiting, visible_pairings, with_parties
from portal.pagination import paginate
from portal.uploads import content_type_of

def _get_pairing(request, pk, authority=None):
    """The agreement if the user may see it (404 otherwise), and may act in `authority` (403)."""
    pairing = get_object_or_404(with_parties(visible_pairings(request.user)), pk=pk)
    if authority:
        require(request.user, authority, pairing)
    return pairing


def _refused(request, pairing, error):
    messages.error(request, " ".join(error.messages))
    return redirect("pairing_detail", pk=pairing.pk)


def pairing_list(request):
    pairings = with_parties(visible_pairings(request.user))
    filters = PairingFilter(request.GET or None, queryset=pairings)
    return render(request, "pairings/pairing_list.html", {
        "filters": filters, **paginate(request, filters.qs),
        "may_create": can(request.user, "pairing.create"),
    })


def approval_queue(request):
    pairings = with_parties(pairings_awaiting(request.user)).order_by("submitted_at")
    return render(request, "pairings/approval_queue.html", {"pairings": pairings})


def pairing_detail(request, pk):
    pairing = _get_pairing(request, pk, "pairing.view")
    events = pairing.events.select_related("actor")
    return render(request, "pairings/pairing_detail.html", {
        "pairing": pairing, "events": events, "comment_form": CommentForm(),
    })


@require_http_methods(["GET", "POST"])
def pairing_create(request):
    require(request.user, "pairing.create")
    form = PairingForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        pairing = services.create_draft(request.user, **form.service_fields())
        messages.success(request, _("The draft was saved. Submit it for approval when it is ready."))
        return redirect("pairing_detail", pk=pairing.pk)
    return render(request, "pairings/pairing_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def pairing_edit(request, pk):
    pairing = _get_pairing(request, pk, "pairing.act_as_drafter")
    if not pairing.is_editable:
        messages.error(request, _("An approved, ended or submitted agreement can no longer be edited."))
        return redirect("pairing_detail", pk=pairing.pk)
    form = PairingForm(request.POST or None, request.FILES or None, instance=pairing, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(pairing, request.user, **form.service_fields())
        except ValidationError as error:
            return _refused(request, pairing, error)
        messages.success(request, _("The agreement was saved."))
        return redirect("pairing_detail", pk=pairing.pk)
    return render(request, "pairings/pairing_form.html", {"form": form, "pairing": pairing})


@require_POST
def pairing_submit(request, pk):
    pairing = _get_pairing(request, pk, "pairing.act_as_drafter")
    try:
        pairing = services.submit_pairing(pairing, request.user)
    except ValidationError as error:
        return _refused(request, pairing, error)
    messages.success(request, _("The agreement was submitted to %(committee)s for approval.")
                     % {"committee": pairing.approver})
    return redirect("pairing_detail", pk=pairing.pk)


@require_POST
def pairing_approve(request, pk):
    pairing = _get_pairing(request, pk, "pairing.act_as_approver")
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.approve_pairing(pairing, request.user, comment)
    except ValidationError as error:
        return _refused(request, pairing, error)
    messages.success(request, _("The agreement was approved; its parties were notified."))
    return redirect("pairing_detail", pk=pairing.pk)


@require_http_methods(["GET", "POST"])
def pairing_reject(request, pk):
    pairing = _get_pairing(request, pk, "pairing.act_as_approver")
    return _decide(
        request, pairing, RejectForm(request.POST or None),
        lambda data: services.reject_pairing(pairing, request.user, data["comment"]),
        done=_("The agreement was sent back to its drafter with your comment."),
        heading=_("Reject the agreement"), button=_("Reject"),
    )


@require_http_methods(["GET", "POST"])
def pairing_terminate(request, pk):
    pairing = _get_pairing(request, pk, "pairing.act_as_party")
    return _decide(
        request, pairing, TerminateForm(request.POST or None),
        lambda data: services.terminate_pairing(pairing, request.user, data["reason"]),
        done=_("The agreement was ended early; its parties were notified."),
        heading=_("End the agreement early"), button=_("End the agreement"),
    )


def _decide(request, pairing, form, act, *, done, heading, button):
    """A decision that needs a written reason: the form, then `act(cleaned data)`, then back
    to the agreement (or the reason it was refused)."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            return _refused(request, pairing, error)
        messages.success(request, done)
        return redirect("pairing_detail", pk=pairing.pk)
    return render(request, "pairings/pairing_decision.html", {
        "pairing": pairing, "form": form, "heading": heading, "button": button,
    })


@require_GET
def agreement_download(request, pk):
    pairing = _get_pairing(request, pk, "pairing.view")
    if not pairing.agreement_file:
        raise Http404
    name = pairing.agreement_filename or pairing.agreement_file.name.rsplit("/", 1)[-1]
    return FileResponse(pairing.agreement_file.open("rb"), as_attachment=True, filename=name,
                        content_type=content_type_of(pairing.agreement_file.name))
