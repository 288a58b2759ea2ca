"""Read models for the desktop app: what each screen shows, as plain records.

The app computes nothing itself; these queries assemble rows (accounts with their owners'
names, one account's header, its merged timeline, its opportunities and goals) from the
workspace, and write the few things a person types on a screen (a timeline entry). Qt-free,
so the same read models serve tests and, later, other front ends.
"""
