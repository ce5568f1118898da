"""Server-rendered Dutch web pages (Jinja2 + htmx + NL Design System CSS)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse


def create_web(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse)
    def home() -> str:
        return "<!DOCTYPE html><html lang='nl'><head><title>Leefbaar</title></head><body><h1>Leefbaar</h1></body></html>"
