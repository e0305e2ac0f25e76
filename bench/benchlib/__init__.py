"""bench/run's parts: tools and servers it starts, the measuring tools, one module per row, the report."""
