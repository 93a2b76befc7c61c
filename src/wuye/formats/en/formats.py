"""English dates and times as the office writes them: times on the 24-hour clock.

Django's English times read "7:03 a.m.", which ends a sentence twice ("Voting opens at
7:03 a.m..") and reads oddly beside the Chinese pages; "07:03" does neither.
"""

from django.conf.locale.en.formats import *  # noqa: F403

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
