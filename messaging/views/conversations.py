"""PLACEHOLDER until the views land (same session): every page answers 404."""

from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


index = coordinators = pairing = with_member = conversation = poll = delete = _missing
