"""``/mijn``: the signed-in user's home ("Mijn organisatie"), where login lands by default.

Its agreements, the qualitative commitments that wait on it (a status to report, a contest to
answer, a report by another party to confirm or contest), how fresh its data is, its recent
imports and its activity; links to its own public page and to the records it keeps.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from leefbaar.services import home
from leefbaar.services.accounts import Account
from leefbaar.services.records import writing
from leefbaar.web.security import HOME_PATH, database_url, login_vereist
from leefbaar.web.templating import render

router = APIRouter()


@router.get(HOME_PATH, response_class=HTMLResponse)
def mijn_organisatie(request: Request, account: Account = Depends(login_vereist)) -> HTMLResponse:
    url = database_url()
    mijn = home.organisation_home(url, account)
    bijhouden = bool(writing.kinds_for(account, account.organisatie))
    return render(request, "mijn.html", {"mijn": mijn, "account": account, "bijhouden": bijhouden})
