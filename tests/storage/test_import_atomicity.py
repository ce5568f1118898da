"""A process killed in the middle of an import leaves the database as it was (both backends).

The child process imports a file and is killed (SIGKILL) after the rows were inserted into the
target table but before the transaction commits: the worst moment. Afterwards the parent checks
that neither the rows nor the import-log entry are there, and that the same file then imports fine.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from sqlalchemy import text

from leefbaar.ingest.vocabulary import ImportOptions, ImportStatus
from leefbaar.services.imports import import_file
from leefbaar.storage import engine as storage_engine
from leefbaar.storage.engine import get_engine

EXAMPLES = Path(__file__).parents[2] / "examples" / "import"
OPTIONS = ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025)

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import date
    from pathlib import Path
    from leefbaar.ingest.vocabulary import ImportOptions
    from leefbaar.services.imports import import_file
    from leefbaar.storage import importer

    def die(*args, **kwargs):
        # Called after INSERT INTO the target table, before the import-log row and COMMIT.
        os.kill(os.getpid(), signal.SIGKILL)

    importer._log_values = die
    import_file(sys.argv[1], "investeringen", Path(sys.argv[2]),
                ImportOptions(peildatum=date(2025, 6, 1), indelingsjaar=2025))
    """
)


def _counts(url: str) -> tuple[int, int]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM investering")).scalar_one()
        log = conn.execute(text("SELECT count(*) FROM import_log WHERE soort = 'investeringen'")).scalar_one()
    return rows, log


def test_killed_import_leaves_database_unchanged(empty_db: str, tmp_path: Path) -> None:
    for kind in ("gebieden", "partijen"):
        assert import_file(empty_db, kind, EXAMPLES / f"{kind}.csv", OPTIONS).status is ImportStatus.IMPORTED
    path = tmp_path / "investeringen.csv"
    path.write_text(
        "partij_id;gemeentecode;jaar;thema;soort;bedrag_eur\n"
        + "".join(f"L0001;GM0363;{2000 + i};lood;extra;{1000 + i}\n" for i in range(50))
    )
    # DuckDB allows one process per database file: release ours while the child works.
    storage_engine.dispose(empty_db)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, empty_db, str(path)], capture_output=True, timeout=120
    )
    assert child.returncode == -9, child.stderr.decode()
    assert _counts(empty_db) == (0, 0)
    result = import_file(empty_db, "investeringen", path, OPTIONS)
    assert result.status is ImportStatus.IMPORTED
    assert _counts(empty_db) == (50, 1)
