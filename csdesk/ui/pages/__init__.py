"""The main window's pages, one module each, in navigation order."""
