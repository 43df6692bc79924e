"""Signals other apps listen to, so matching never imports them.

`pairing_ended` is sent inside the transaction that ends a pairing, with `pairing` and
`ended_by` (a User): receivers' changes commit or roll back with the end itself.
"""

from django.dispatch import Signal

pairing_ended = Signal()
