"""Data files shipped with csdesk, read with importlib.resources.

Synonyms, templates, fonts, icons and message catalogues live here.
"""
