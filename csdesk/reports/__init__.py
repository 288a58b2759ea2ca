"""Documents for clients and consultants: QBR packs, role clarity, audit, Excel."""
