"""Portfolio metrics, exactly as DESIGN.md defines them, vectorised over the workspace."""
