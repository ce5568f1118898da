"""``leefbaar herberekening lijst`` and ``uitvoeren`` as an operator types them."""

from __future__ import annotations

from sqlalchemy import text
from typer.testing import CliRunner

from leefbaar.cli import app
from leefbaar.services import jobs
from leefbaar.storage.engine import get_engine

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())  # the console wraps at 80 columns


def test_run_the_queue_now_and_list_it(empty_duckdb: str) -> None:
    code, out = _run("herberekening", "uitvoeren", "--database", empty_duckdb)
    assert (code, out.strip()) == (0, "Er wachten geen herberekeningen.")
    jobs.enqueue_after_write(empty_duckdb, scopes=["gemeente:GM9999"], door="test", reden="proef")
    code, out = _run("herberekening", "uitvoeren", "--database", empty_duckdb)
    # The scope first; it is unknown and cannot be judged. The full run works on an empty database.
    assert code == 1, out
    assert out.startswith(
        "Mislukt (wordt opnieuw geprobeerd): monitor gemeente:GM9999: Onbekende gemeente 'GM9999': niet in "
        "de gegevens gevonden. Klaar: monitor alles (run 1,"
    )
    code, out = _run("herberekening", "lijst", "--database", empty_duckdb)
    assert code == 0, out
    assert "1 wachtend." in out
    code, out = _run("herberekening", "lijst", "--status", "klaar", "--database", empty_duckdb)
    assert code == 0 and "alles" in out and "GM9999" not in out
    # "uitvoeren" does not wait for the retry's 30 seconds: the operator asks for it now.
    _run("herberekening", "uitvoeren", "--database", empty_duckdb)
    with get_engine(empty_duckdb).connect() as conn:
        pogingen = conn.execute(
            text("SELECT pogingen FROM herberekening WHERE scope = 'gemeente:GM9999'")
        ).scalar()
    assert pogingen == 2
    code, out = _run("herberekening", "lijst", "--status", "kapot", "--database", empty_duckdb)
    assert code == 2 and "Onbekende status 'kapot'" in out
