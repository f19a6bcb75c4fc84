#!/usr/bin/env python3
# This file is part of authprofile. Copyright 2026 the authprofile authors.
# SPDX-License-Identifier: Apache-2.0
"""Runs the steps of a composite action.yml in bash the way the GitHub runner does, for scripts/check-action.sh.

Usage: run-action.py ACTION_DIR WORKSPACE INPUT=VALUE...
Each step's `env` is evaluated (only `${{ inputs.NAME }}`, `${{ github.action_path }}` and
`${{ steps.ID.outputs.NAME }}` are supported; anything else is an error, so the action cannot grow an expression
this check does not understand), its `run` is executed with `bash --noprofile --norc -eo pipefail {0}` as the runner
does for `shell: bash`, GITHUB_PATH additions are put on PATH for later steps and GITHUB_OUTPUT is read back.
Prints the action's outputs as NAME=VALUE lines; exits with the first failing step's status.
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def main():
    action_dir, workspace = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    given = dict(arg.split("=", 1) for arg in sys.argv[3:])
    with open(os.path.join(action_dir, "action.yml")) as f:
        action = yaml.safe_load(f)
    assert action["runs"]["using"] == "composite", "not a composite action"
    declared = action.get("inputs", {})
    unknown = set(given) - set(declared)
    assert not unknown, f"inputs the action does not declare: {sorted(unknown)}"
    inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    inputs.update(given)
    for name, spec in declared.items():
        assert not spec.get("required") or inputs[name], f"required input '{name}' is empty"
    outputs_by_step = {}

    def evaluate(text):
        def replace(match):
            expression = match.group(1)
            parts = expression.split(".")
            if parts[0] == "inputs" and len(parts) == 2:
                return inputs[parts[1]]
            if expression == "github.action_path":
                return action_dir
            if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
                return outputs_by_step.get(parts[1], {}).get(parts[3], "")
            raise SystemExit(f"run-action.py: unsupported expression '${{{{ {expression} }}}}'")

        return EXPRESSION.sub(replace, str(text))

    temp = tempfile.mkdtemp(prefix="run-action-")
    path_file = os.path.join(temp, "path")
    open(path_file, "w").close()
    environment = dict(os.environ, RUNNER_TEMP=temp, GITHUB_WORKSPACE=workspace, GITHUB_PATH=path_file,
                       GITHUB_ACTIONS="true", CI="true")
    for index, step in enumerate(action["runs"]["steps"]):
        assert "uses" not in step, "steps that use other actions cannot run here"
        assert step.get("shell") == "bash", f"step {index}: every run step names shell: bash"
        assert "if" not in step, f"step {index}: conditions belong in the step's script"
        output_file = os.path.join(temp, f"output-{index}")
        open(output_file, "w").close()
        step_env = dict(environment, GITHUB_OUTPUT=output_file)
        for name, value in (step.get("env") or {}).items():
            step_env[name] = evaluate(value)
        assert "${{" not in step["run"], f"step {index}: run splices an expression into shell code; use env"
        with open(path_file) as f:
            added = [line.strip() for line in f if line.strip()]
        step_env["PATH"] = ":".join(list(reversed(added)) + [environment["PATH"]])
        script = os.path.join(temp, f"step-{index}.sh")
        with open(script, "w") as f:
            f.write(step["run"])
        print(f"run-action.py: step {index}: {step.get('name', '')}", file=sys.stderr, flush=True)
        status = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=workspace,
                                 env=step_env)
        if status != 0:
            return status
        with open(output_file) as f:
            outputs_by_step[step.get("id", str(index))] = dict(
                line.rstrip("\n").split("=", 1) for line in f if "=" in line)
    for name, spec in (action.get("outputs") or {}).items():
        print(f"{name}={evaluate(spec['value'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
