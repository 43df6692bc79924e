"""CSV exports of members, pairings and meetings, streamed and recorded."""

from django.http import Http404
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import selectors, services
from ..csv_stream import csv_response
from ..models import ExportKind

ROWS = {
    ExportKind.MEMBERS: selectors.member_rows,
    ExportKind.PAIRINGS: selectors.pairing_rows,
    ExportKind.MEETINGS: selectors.meeting_rows,
}


@require_POST
@program_view(Role.COORDINATOR)
def export(request, membership: Membership, kind: str):
    rows = ROWS.get(kind)
    if rows is None:
        raise Http404
    program = membership.program
    services.export_record_create(program=program, by=request.user, kind=kind)
    stamp = timezone.localdate().isoformat()
    return csv_response(rows(program=program), filename=f"{program.slug}-{kind}-{stamp}.csv")
