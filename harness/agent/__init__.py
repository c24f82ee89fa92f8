"""Agent side: the agent file and the runtimes that run it on a task inside a sandbox.

Seam: an agent runtime takes the agent file, the task prompt, a model (or the model bridge)
and a sandbox, and returns an `AgentResult` (harness.agent.base) while writing transcript
events. Two runtimes: `builtin` (archbench's own tool loop and tools) and `claude_code` (the
real CLI in the sandbox, its model calls bridged to the host). They share only
harness.agent.base, and never import graders, task specs or judges: the agent side cannot
reach hidden material even by accident.
"""
