"""The demo portfolio: a realistic, deterministic CS book to explore csdesk and to benchmark it.

``generate(ws, size="small" | "large" | DemoSize(...), seed=7, today=None)`` writes it into a
workspace. The command line imports this package only when `csdesk demo` runs (it pulls in
numpy).
"""

from csdesk.demo.generate import DemoSummary, generate
from csdesk.demo.sizes import LARGE, SIZES, SMALL, DemoSize, size_named

__all__ = ["LARGE", "SIZES", "SMALL", "DemoSize", "DemoSummary", "generate", "size_named"]
