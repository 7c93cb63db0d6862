"""The layers stay honest: the headless core never needs Textual, and never imports the app.

baogao.parsers (read → model)  →  baogao core (store, search, bookmarks, output)
                               →  baogao.cli | baogao.tui
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Where each part of the package lives in the repository (pyproject's package-dir).
FOLDERS = {
    "baogao": ROOT / "baogao",
    "baogao.parsers": ROOT / "parsers",
    "baogao.tui": ROOT / "tui",
}


def modules(package: str) -> list[str]:
    """Every module of `package` (sub-packages mapped elsewhere left out)."""
    folder = FOLDERS[package]
    names = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(folder).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join((package, *parts)))
    return names


HEADLESS = [m for m in modules("baogao") if m != "baogao.tui"] + modules("baogao.parsers")


def imported(module: str) -> set[str]:
    """Every module named in an import statement of `module`'s source, lazy ones too."""
    for prefix, folder in sorted(FOLDERS.items(), key=lambda item: -len(item[0])):
        if module == prefix or module.startswith(prefix + "."):
            tail = module[len(prefix) :].lstrip(".")
            path = folder.joinpath(*tail.split(".")) if tail else folder
            break
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_there_are_headless_modules_to_check() -> None:
    assert {"baogao.cli", "baogao.parsers.model", "baogao.bookmarks.store"} <= set(HEADLESS)


@pytest.mark.parametrize("module", HEADLESS)
def test_no_headless_module_imports_textual_or_the_app(module: str) -> None:
    allowed_app_import = module == "baogao.cli"  # `baogao` with no command opens the app
    for name in imported(module):
        assert not name.startswith("textual"), f"{module} imports {name}"
        if not allowed_app_import:
            assert not name.startswith("baogao.tui"), f"{module} imports {name}"


@pytest.mark.parametrize("module", modules("baogao.parsers"))
def test_parsers_import_only_parsers(module: str) -> None:
    for name in imported(module):
        if name.startswith("baogao"):
            assert name.startswith("baogao.parsers"), f"{module} imports {name}"


BLOCK_TEXTUAL = """
import importlib, sys
class NoTextual:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("textual is blocked in this test")
sys.meta_path.insert(0, NoTextual())
for name in sys.argv[1:]:
    importlib.import_module(name)
print("imported", len(sys.argv) - 1)
"""


def test_every_headless_module_imports_with_textual_unimportable() -> None:
    out = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL, *HEADLESS], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"imported {len(HEADLESS)}"


RUN_AND_LIST = """
import sys
from baogao.cli import main
code = main(sys.argv[1:])
print("\\nMODULES", sorted(m for m in sys.modules if m.startswith(("textual", "baogao.tui"))))
"""


@pytest.mark.parametrize("command", ["dump", "indicators"])
def test_headless_commands_import_no_textual(command: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, command], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip().endswith("MODULES []")
