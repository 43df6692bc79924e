"""A program's help page, with its crisis resources."""

from django.shortcuts import render

from .. import selectors
from ..decorators import program_view
from ..models import Membership


@program_view(before_privacy=True)
def program_help(request, membership: Membership):
    return render(
        request,
        "accounts/help.html",
        {
            "crisis_help": selectors.crisis_help_for(membership.program),
            "program": membership.program,
        },
    )
