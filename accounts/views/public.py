"""Pages outside any program: the landing or home page, general help and the health check."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import selectors, services


@require_GET
@never_cache
def healthz(request):
    if not selectors.database_responds():
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def help_page(request):
    help_ = selectors.crisis_help_for(None)
    return render(request, "accounts/help.html", {"crisis_help": help_, "program": None})


def home(request):
    if not request.user.is_authenticated:
        return render(request, "accounts/landing.html")
    overview = selectors.home_overview(user=request.user)
    if len(overview) == 1 and overview[0]["membership"].has_acknowledged_privacy:
        # One program: its role home is the home page.
        return redirect("program_home", program_slug=overview[0]["program"].slug)
    # Invitations to the person's verified address, wherever their link was opened.
    invitations = [
        {
            "invitation": invitation,
            "url": reverse(
                "accounts:invitation_accept", args=[services.invitation_token(invitation)]
            ),
        }
        for invitation in selectors.invitations_open_for_user(user=request.user)
    ]
    return render(request, "accounts/home.html", {"overview": overview, "invitations": invitations})
