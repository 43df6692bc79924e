"""My data: download everything PeerPath holds about me, and erase my account. Every page is
the signed-in person's own: an export is looked up by its token AND its owner (404 else)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.models import Action
from audit.services import audit_record

from . import services
from .forms import CONFIRM_PHRASE, EraseAccountForm
from .models import DataExport
from .selectors.exports import export_get_for_owner, exports_recent_of


@login_required
@require_http_methods(["GET"])
def index(request):
    exports = exports_recent_of(request.user)
    current = next((e for e in exports if e.in_progress), None)
    context = {"exports": exports, "current": current, "now": timezone.now()}
    if request.htmx:
        return render(request, "mydata/_exports.html", context)
    return render(request, "mydata/index.html", context)


@login_required
@require_POST
def export_request(request):
    export = services.export_request(user=request.user)
    export.refresh_from_db()  # a worker (or an eager test run) may have finished already
    if export.status == DataExport.Status.READY:
        messages.success(request, _("Your data is ready to download."))
    elif export.in_progress:
        messages.success(request, _("We are preparing your data. It takes a minute or two."))
    return redirect("mydata:index")


@login_required
@require_http_methods(["GET"])
def download(request, token: str):
    export = export_get_for_owner(user=request.user, token=token)
    path = services.export_file(export) if export is not None else None
    if export is None or not export.is_downloadable() or path is None or not path.is_file():
        raise Http404
    # Their own data, but still an export of records: the trail keeps it.
    audit_record(action=Action.EXPORT, actor=request.user, record=("mydata_export", export.pk))
    stamp = (export.ready_at or export.created_at).strftime("%Y-%m-%d")
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=f"peerpath-my-data-{stamp}.zip"
    )
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase(request):
    if request.method == "POST":
        form = EraseAccountForm(request.POST, user=request.user)
        if form.is_valid():
            services.person_erase(user=request.user)
            logout(request)
            return render(request, "mydata/erased.html")
    else:
        form = EraseAccountForm(user=request.user)
    return render(request, "mydata/erase.html", {"form": form, "phrase": CONFIRM_PHRASE})
