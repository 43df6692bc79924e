"""Business actions of mydata: `from mydata import services`."""

from .erasure import REMOVED_TEXT, erased_email, is_erased, person_erase  # noqa: F401
from .exports import (  # noqa: F401
    export_build,
    export_file,
    export_request,
    exports_delete_for_user,
    exports_expire,
)
