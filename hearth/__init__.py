"""The composition root: what starts Hearth's core with its adapters (the `hearth` command).

`bot/` is the core and imports no adapter; this package is where the two
meet. `runtime` runs one process (store, scheduler, outbox, adapters);
`cli` is the command line.
"""
