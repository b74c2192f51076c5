"""Importing people, organisations and sessions from CSV or XLSX files (issue 17).

``files`` reads a file or refuses it with a message; ``base`` checks each row through the portal's own form and
imports all rows in one transaction once every row is valid; ``sessions`` and ``directory`` are the kinds.
The pages are ``exchanges/views/imports.py``.
"""
