"""The builtin runtime: archbench's own tool loop (`loop`) and its re-implementation of the
Claude Code tool set (`tools`), run against a Sandbox."""
