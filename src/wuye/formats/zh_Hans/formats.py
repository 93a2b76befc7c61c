"""Number formats as Chinese property and finance staff write them: 134,061.38 m², ¥1,250.00.

Django's zh_Hans locale groups digits by four with no separator; receipts, statements and
registers in practice use the comma every three digits.
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
