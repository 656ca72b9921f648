"""Sub-commands of the `notice-archive` CLI, one module each (register + run)."""
