"""Acting at the same moment: real concurrent transactions, one thread per actor.

SQLite serialises every write by itself, so tests that use this run on PostgreSQL only,
outside the per-test transaction (`POSTGRES_CONCURRENCY` as the module's pytestmark).
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

POSTGRES_CONCURRENCY = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions"),
    pytest.mark.django_db(transaction=True),
]


def at_once(*actions: Callable[[], object]) -> list:
    """Run the actions in threads released together; their results (or exceptions) in order."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(i, action):
        try:
            barrier.wait()
            results[i] = action()
        except Exception as exc:  # the test looks at what each actor got
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
