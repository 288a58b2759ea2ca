"""The operation audit for a consultant: figures by role, capacity, findings."""
