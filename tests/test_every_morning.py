"""The README's "Every morning": its cron line, run as written by `sh` with a `mail` of the
test's own on `PATH`, mails the digest when a watch has news (exit 3), and nothing on the next
morning, when it has none."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import make_announcement

README = Path(__file__).resolve().parent.parent / "README.md"
URL = "postgresql://analyst@db.example/mxt"  # the store the README's line names

# A `mail` that keeps each message it is asked to send: its arguments and its body.
FAKE_MAIL = """#!/bin/sh
n=$(ls "$MAILBOX" | wc -l)
{ printf '%s\\n' "$@"; printf -- '--\\n'; cat; } > "$MAILBOX/$n"
"""


def cron_line() -> str:
    """The command of the README's crontab line (after its five time fields)."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Every morning") :]
    [command] = re.findall(r"^0 7 \* \* \* (.+)$", section, flags=re.MULTILINE)
    return command


def test_the_readme_s_cron_line_mails_the_news_once(tmp_path: Path) -> None:
    store = tmp_path / "team.sqlite"
    bin_dir, mailbox, home = tmp_path / "bin", tmp_path / "mailbox", tmp_path / "home"
    for folder in (bin_dir, mailbox, home):
        folder.mkdir()
    mail = bin_dir / "mail"
    mail.write_text(FAKE_MAIL, encoding="utf-8")
    mail.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin",
        "HOME": str(home),
        "MAILBOX": str(mailbox),
    }
    command = cron_line()
    assert URL in command and "watch run --format markdown" in command
    command = command.replace(URL, str(store))

    def mxt(*args: str, stdin: str | None = None) -> None:
        subprocess.run(["mxt", "--store", str(store), *args], input=stdin, env=env, text=True,
                       check=True, capture_output=True)  # fmt: skip

    def morning() -> list[str]:
        subprocess.run(["sh", "-c", command], env=env, text=True, capture_output=True)
        return sorted(path.read_text(encoding="utf-8") for path in mailbox.iterdir())

    plan = make_announcement("launch", id="acme-a1-de", company="Acme", model="A1",
                             market="DE", launched_on="2025-06", status="planned",
                             announced_on="2025-01-10")  # fmt: skip
    mxt("import", "-", stdin=json.dumps(plan))
    mxt("watch", "add", "acme", "--company", "Acme")
    assert morning() == []  # nothing recorded since the watch was added: no mail
    mxt("record", "launch", "--company", "Acme", "--model", "A1", "--market", "DE",
        "--launched-on", "2025-12", "--status", "planned", "--announced-on", "2025-06-15",
        "--source", "A delay", "--id", "acme-a1-de-late")  # fmt: skip
    [sent] = morning()
    head, body = sent.split("--\n", 1)
    assert head.splitlines() == ["-s", "mxt: what's new", "you@example.com"]
    assert body.startswith("# mxt: What's new") and "`acme-a1-de-late`" in body
    assert "**slipped** Acme" in body
    assert morning() == [sent]  # the next morning: no news, no second mail
