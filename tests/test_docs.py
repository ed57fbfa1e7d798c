"""Documentation stays true: every command has help and a README entry, every setting and export field is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from dateline.cli import app
from dateline.settings import SETTINGS
from dateline.store.export import CONTRACT, EXTRA

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = typer.main.get_command(app).commands


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_command_has_help_and_readme_entry(name):
    command = COMMANDS[name]
    assert command.help and "Example:" in command.help
    assert f"dateline {name}" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_docs_setting_has_help(setting):
    assert len(setting.help) > 20


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_docs_export_fields_in_contract(table):
    text = (ROOT / "docs" / "data-contract.md").read_text()
    section = text.split(f"## {table}", 1)[1].split("\n## ", 1)[0]
    for field in CONTRACT[table] + EXTRA.get(table, ()):
        assert f"`{field}`" in section, field
