"""PDF export through LibreOffice Writer, headless, with a private throw-away profile.

One `soffice` call converts a whole batch (starting LibreOffice costs seconds). The profile lives
in a temporary directory so that the user's own LibreOffice settings never leak in, and update
checks are off so nothing reaches the network.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERT_TIMEOUT_S = 600   # a batch of 14 sheets takes about 20 s on one core


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    return exe


def to_pdf(sources: list[Path], out_dir: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="lo-office-") as profile:
        profile_dir = Path(profile)
        user = profile_dir / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseOpenCL" '
            'oor:op="fuse"><value>false</value></prop></item>\n'
            '<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job'
            '[\'UpdateCheck\']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse">'
            '<value>false</value></prop></item>\n</oor:items>\n', encoding="utf-8")
        cmd = [soffice(), f"-env:UserInstallation={profile_dir.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
        subprocess.run(cmd, check=True, timeout=CONVERT_TIMEOUT_S, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    missing = [s for s in sources if not (out_dir / (s.stem + ".pdf")).exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert: {missing}")
