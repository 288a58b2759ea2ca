"""Data files shipped with csdesk (synonyms, templates, fonts, icons, catalogues), read with importlib.resources."""
