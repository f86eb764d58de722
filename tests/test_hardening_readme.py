"""Issue 9, item 12: the README's tour runs as written, in an empty folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def tour_script() -> str:
    """The first shell block after the README's `## A tour` heading."""
    text = README.read_text(encoding="utf-8")
    tour = text[text.index("## A tour") :]
    found = re.search(r"```sh\n(.*?)```", tour, re.S)
    assert found is not None
    return found.group(1)


def test_the_readme_tour_runs_as_written_on_a_fresh_store(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MXT_STORE", None)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")  # the default store is never touched
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-xc", tour_script()],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "tour.sqlite").exists() and (tmp_path / "other.sqlite").exists()
    assert not (tmp_path / "data").exists()
    assert "recorded 0, already present" in result.stdout  # the re-import was a no-op
