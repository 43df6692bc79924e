"""A number worked out only when a page shows it (the header's unread counts)."""

import operator

from django.utils.functional import SimpleLazyObject, new_method_proxy


class LazyCount(SimpleLazyObject):
    """`SimpleLazyObject` for an int that also does arithmetic: a plural form picks its
    sentence with the language's formula (Spanish's uses `n % 1000000`), and `{% blocktranslate
    count %}` hands it the lazy object itself. Computed once, on first use."""

    __int__ = new_method_proxy(int)
    __index__ = new_method_proxy(operator.index)
    __mod__ = new_method_proxy(operator.mod)
    __add__ = new_method_proxy(operator.add)
    __sub__ = new_method_proxy(operator.sub)
    __ge__ = new_method_proxy(operator.ge)
    __le__ = new_method_proxy(operator.le)
