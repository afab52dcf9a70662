"""hooks/ shows its jobs: one package per job, imports pointing down only, MkDocs known only to
the adapter and its mkdocs_*.py glue."""
from __future__ import annotations

import ast
from pathlib import Path

HOOKS = Path(__file__).resolve().parent.parent / "hooks"

# What each package may import of hooks (besides itself). Anything not listed is an upward or
# sideways arrow: move the shared code down instead.
ALLOWED = {
    "data": set(),
    "text": {"data"},
    "privacy": {"data", "text"},
    "site": {"data"},
    "word": {"data", "site"},
    "ingest": {"data", "text", "privacy"},
    "review": {"data", "text", "privacy"},
}


def imports_of(path: Path, hooks: Path = HOOKS) -> set[str]:
    """Every module path a file imports, relative imports resolved against its package."""
    tree = ast.parse(path.read_text("utf-8"))
    package = path.relative_to(hooks.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join((*base, node.module)) if node.module else ".".join(base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def hooks_package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "hooks" else None


def test_only_the_adapter_knows_mkdocs() -> None:
    offenders = [path.relative_to(HOOKS).as_posix() for path in HOOKS.rglob("*.py")
                 if any(m == "mkdocs" or m.startswith("mkdocs.") for m in imports_of(path))
                 and not (path.parent == HOOKS and path.name.startswith("mkdocs_"))]
    assert offenders == []


def test_imports_point_down() -> None:
    wrong = []
    for package, allowed in ALLOWED.items():
        for path in (HOOKS / package).rglob("*.py") if (HOOKS / package).is_dir() else ():
            for module in imports_of(path):
                target = hooks_package(module)
                if target and target != package and target not in allowed:
                    wrong.append(f"{path.relative_to(HOOKS).as_posix()} imports {module}")
    assert wrong == []


def test_one_package_per_job_with_a_docstring() -> None:
    top = sorted(p.name for p in HOOKS.glob("*.py"))
    assert all(name in ("__init__.py", "check.py") or name.startswith("mkdocs_") for name in top), top
    packages = [p for p in HOOKS.iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert {"data", "site", "privacy", "word", "ingest", "text"} <= {p.name for p in packages}
    for package in packages:
        if package.name == "templates":
            continue
        init = package / "__init__.py"
        assert init.exists(), package
        assert ast.get_docstring(ast.parse(init.read_text("utf-8"))), f"{init} has no docstring"


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The rule above can fail: data/ importing the privacy checker is an upward arrow."""
    module = tmp_path / "hooks" / "data" / "x.py"
    module.parent.mkdir(parents=True)
    module.write_text("from hooks.privacy.checker import scan\nfrom . import model\n", "utf-8")
    found = imports_of(module, tmp_path / "hooks")
    assert {"hooks.privacy.checker", "hooks.data.model"} <= found
    assert hooks_package("hooks.privacy.checker") not in ALLOWED["data"]
