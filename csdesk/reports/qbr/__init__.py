"""The QBR pack: one content model per account and quarter, written as PDF or slides."""
