"""``import_framework`` and ``export_framework``: files in, files out, byte for byte; a broken
file refused whole with its problems on stderr and a non-zero exit."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from maturity.frameworks import export
from maturity.frameworks.models import Framework, FrameworkStatus, Indicator
from tests.factories import default_framework
from tests.maturity.frameworks.framework_samples import BROKEN, SMALL, with_version


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_writes_the_default_framework_to_stdout(db):
    framework = default_framework()
    out, _ = run("export_framework", framework.code, framework.version)
    assert out == export.export_framework(framework)


def test_export_then_import_under_another_version_then_export_is_byte_identical(db, tmp_path):
    framework = default_framework()
    first = tmp_path / "first.yaml"
    run("export_framework", framework.code, framework.version, "-o", str(first))
    renamed = tmp_path / "renamed.yaml"
    renamed.write_bytes(with_version(first.read_text(encoding="utf-8"), "2099.9").encode())
    out, _ = run("import_framework", str(renamed))
    assert "2099.9" in out
    second = tmp_path / "second.yaml"
    run("export_framework", framework.code, "2099.9", "-o", str(second))
    swapped_back = with_version(second.read_text(encoding="utf-8"), framework.version)
    assert swapped_back.encode() == first.read_bytes()


def test_a_file_imported_after_its_version_is_deleted_exports_identically(db, tmp_path):
    source = tmp_path / "small.yaml"
    source.write_text(SMALL, encoding="utf-8")
    run("import_framework", str(source))
    exported = tmp_path / "exported.yaml"
    run("export_framework", "uji", "1.0", "-o", str(exported))
    Framework.objects.filter(code="uji", version="1.0").delete()
    run("import_framework", str(exported))
    again = tmp_path / "again.yaml"
    run("export_framework", "uji", "1.0", "-o", str(again))
    assert again.read_bytes() == exported.read_bytes()


def test_import_makes_a_draft_unless_publish_is_given(db, tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    run("import_framework", str(path))
    assert Framework.objects.get(code="uji").status == FrameworkStatus.DRAFT
    path.write_text(with_version(SMALL, "2.0"), encoding="utf-8")
    run("import_framework", str(path), "--publish")
    assert Framework.objects.get(code="uji", version="2.0").status == FrameworkStatus.PUBLISHED


@pytest.mark.parametrize(("text", "path"), BROKEN)
def test_a_broken_file_is_refused_whole_with_its_problems_on_stderr(db, tmp_path, text, path):
    file = tmp_path / "broken.yaml"
    file.write_text(text, encoding="utf-8")
    before = (Framework.objects.count(), Indicator.objects.count())
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_framework", str(file), "--publish", stdout=io.StringIO(), stderr=err)
    assert refused.value.returncode != 0
    problems = err.getvalue().splitlines()
    assert any(line.startswith(f"{file}") and f": {path}: " in line for line in problems), problems
    assert (Framework.objects.count(), Indicator.objects.count()) == before


def test_problems_name_the_file_and_line_so_editors_can_jump_to_them(db, tmp_path):
    file = tmp_path / "broken.yaml"
    text = SMALL.replace("thresholds: [20, 40, 60, 80]", "thresholds: [20, 40, 60]")
    file.write_text(text, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_framework", str(file), stderr=err)
    line = text.splitlines().index("            thresholds: [20, 40, 60]") + 1
    assert err.getvalue().startswith(
        f"{file}:{line}: elements[0].themes[0].indicators[0].thresholds: "
    )


def test_importing_an_existing_version_is_refused(db, tmp_path):
    file = tmp_path / "small.yaml"
    file.write_text(SMALL, encoding="utf-8")
    run("import_framework", str(file))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_framework", str(file), stderr=err)
    assert "1.0" in err.getvalue()
    assert Framework.objects.filter(code="uji").count() == 1


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="missing.yaml"):
        call_command("import_framework", str(tmp_path / "missing.yaml"))


def test_exporting_an_unknown_version_is_refused(db):
    with pytest.raises(CommandError, match="0.0"):
        call_command("export_framework", "smkc", "0.0", stdout=io.StringIO())


def test_manage_py_exits_non_zero_with_the_problems_on_stderr(tmp_path):
    file = tmp_path / "broken.yaml"
    file.write_text(SMALL.replace("thresholds: [20, 40, 60, 80]", "thresholds: []"), "utf-8")
    manage = Path(settings.BASE_DIR) / "manage.py"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    finished = subprocess.run(
        [sys.executable, str(manage), "import_framework", str(file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert finished.returncode != 0
    assert "elements[0].themes[0].indicators[0].thresholds: " in finished.stderr
    assert "CommandError" in finished.stderr
