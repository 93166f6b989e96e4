"""The engine and data model never import Textual (STYLE.md: layers)."""

import subprocess
import sys

import pytest

CORE = [
    "reader.layout",
    "reader.layout.flow",
    "reader.layout.joining",
    "reader.layout.cells",
    "reader.layout.visual",
    "reader.layout.wrapping",
    "reader.documents",
    "reader.documents.json_input",
    "reader.documents.stream",
    "reader.library",
    "reader.search",
    "reader.config",
    "reader.theming",
    "reader.terminal",
    "reader.durable",
    "reader.toml_support",
    "reader.safe_text",
    "reader.annotation.tokens",
    "reader.annotation.clitics",
    "reader.annotation.spans",
    "reader.annotation.patterns",
    "reader.annotation.navigation",
    "reader.annotation.session",
    "reader.annotation.store",
    "reader.annotation.store_files",
    "reader.annotation.store_lines",
    "reader.annotation.journal",
    "reader.annotation.records",
    "reader.annotation.resume",
    "reader.annotation.hashing",
    "reader.annotation.setup",
    "reader.render",
    "reader.cli",
    "reader.render_main",
    "reader.formats",
    "reader.formats.model",
    "reader.formats.offsets",
    "reader.formats.jsonio",
    "reader.formats.tokens",
    "reader.formats.writing",
    "reader.formats.layers",
    "reader.formats.prodigy",
    "reader.formats.doccano",
    "reader.formats.labelstudio",
    "reader.formats.brat",
    "reader.formats.conll",
    "reader.formats.xmi",
    "reader.formats.spacy_docbin",
    "reader.formats.detect",
    "reader.formats.select",
    "reader.formats.writers",
    "reader.export_main",
    "reader.export_progress",
    "reader.crash_report",
    "reader.hang_up",
    "reader.cli_inputs",
    "reader.agree_main",
    "reader.agreement",
    "reader.agreement.pairing",
    "reader.agreement.matching",
    "reader.agreement.spans_f1",
    "reader.agreement.units",
    "reader.agreement.kappa",
    "reader.agreement.report",
    "reader.agreement.table",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports textual: {result.stderr}"
