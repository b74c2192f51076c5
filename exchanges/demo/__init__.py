"""The Dakar–Montréal exchange of 16–18 October 2017, as its summary report tells it.

``load_demo()`` recreates it and is idempotent: every row is looked up by a
natural key and updated in place, so a second run changes nothing. The report
does not give session times or most addresses: times here are plausible and
each session's notes say they are illustrative; unknown addresses stay empty.
"""

from exchanges.demo.directory import DEMO_ACCOUNTS, DEMO_PASSWORD, OBJECTIVES
from exchanges.demo.loader import load_demo

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "OBJECTIVES", "load_demo"]
