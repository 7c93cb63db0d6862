"""The wheel installs one package, baogao, with every module and data file it needs."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def package_dirs() -> dict[str, str]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["setuptools"]["package-dir"]


def expected_packages() -> set[str]:
    """Every folder with an __init__.py under the mapped folders, as a dotted name."""
    found: set[str] = set()
    for name, folder in package_dirs().items():
        for init in (ROOT / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((name, *parts)))
    return found


def test_every_sub_package_is_listed_in_pyproject() -> None:
    with (ROOT / "pyproject.toml").open("rb") as file:
        listed = set(tomllib.load(file)["tool"]["setuptools"]["packages"])
    assert listed == expected_packages()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (path,) = out.glob("baogao-*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_holds_only_baogao_and_its_dist_info(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/", 1)[0] for name in wheel.namelist()}
    assert len(tops) == 2 and "baogao" in tops
    assert any(top.startswith("baogao-") and top.endswith(".dist-info") for top in tops)


def test_the_wheel_has_every_module_the_seeds_and_the_stylesheet(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for name, folder in package_dirs().items():
        for source in (ROOT / folder).rglob("*.py"):
            relative = source.relative_to(ROOT / folder).as_posix()
            assert f"{name.replace('.', '/')}/{relative}" in names
    assert sum(n.startswith("baogao/seeds/") and n.endswith(".txt") for n in names) == 5
    assert "baogao/tui/baogao.tcss" in names


def test_python_dash_m_baogao_gives_the_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "baogao", "--help"], capture_output=True, text=True, check=True
    )
    assert "usage: baogao" in out.stdout
