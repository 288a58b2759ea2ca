"""The work queue (DESIGN.md, "The work queue"): rules read from resources/desk, their
evaluation over the metrics and the store, actions and their states, QBR snapshots.

No Qt, and no I/O beyond the workspace and the shipped rule files.
"""
