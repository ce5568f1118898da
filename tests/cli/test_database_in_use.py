"""A command on a DuckDB file that a running server holds (issue 16, "The embedded default while it
serves"): a Dutch message that says what to do, never a raw driver error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.storage_fixtures import Templates


def test_a_command_on_a_file_held_by_another_process_says_what_to_do(
    templates: Templates, tmp_path: Path
) -> None:
    url = templates.fresh("duckdb", "empty", tmp_path)
    path = url.removeprefix("duckdb:///")
    # Another process holds the file open for writing, as `leefbaar serve` does.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({path!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        done = subprocess.run(
            [str(Path(sys.executable).with_name("leefbaar")), "db", "status", "--database", url],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    said = " ".join(done.stderr.split())  # Rich wraps at the terminal width
    assert done.returncode == 3, said
    assert "is in gebruik door een ander proces" in said
    assert f"PID {holder.pid}" in said
    assert "stop de server" in said
    assert "Onverwachte fout" not in said and "IOException" not in said
