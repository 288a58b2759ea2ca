"""matplotlib figure builders, one function per chart, shared by the app and the reports."""
