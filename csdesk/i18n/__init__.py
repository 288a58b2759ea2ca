"""Message catalogues and locale-aware formatting of numbers, money and dates."""
