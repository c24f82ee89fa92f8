"""One root for every error archbench raises on purpose.

ArchbenchError
├── InputError          bad input from the user: CLI exits 2 with the one-line message
│   ├── AgentFileError  a malformed agent (subagent) file
│   ├── TaskSpecError   a malformed task folder or task.toml
│   └── ResultsError    a results folder that cannot be read or resumed
├── DockerUnavailableError  the Docker engine cannot be reached (exit 2)
├── ModelConfigError    unknown model id or a missing API key (exit 2)
├── InfraError          the infrastructure broke mid-run (never the agent's fault)
│   ├── ImageBuildError
│   └── SandboxError
└── ModelAPIError       the model API failed after retries

Messages say what is wrong, where, and what to do next, on one line.
"""


class ArchbenchError(Exception):
    """Root of all archbench errors."""

    exit_code = 1


class InputError(ArchbenchError):
    exit_code = 2


class AgentFileError(InputError):
    pass


class TaskSpecError(InputError):
    pass


class ResultsError(InputError):
    pass


class DockerUnavailableError(ArchbenchError):
    exit_code = 2


class ModelConfigError(ArchbenchError):
    exit_code = 2


class InfraError(ArchbenchError):
    pass


class ImageBuildError(InfraError):
    pass


class SandboxError(InfraError):
    pass


class ModelAPIError(ArchbenchError):
    pass
