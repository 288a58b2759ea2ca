"""Qt item models over the core's read models: cached, pre-formatted, never computing in data()."""
