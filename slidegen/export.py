"""Ship a build: one deterministic zip, or pages that each carry their CSS, JS and images inline."""

from __future__ import annotations

import base64
import mimetypes
import os
import posixpath
import re
import shutil
import tempfile
import zipfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict

from slidegen.csp import single_file_policy
from slidegen.images import CACHE_DIR
from slidegen.project import Project
from slidegen.write import MARKER, Output

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Already compressed: deflating them again only costs time.
_STORED = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".mp4", ".webm", ".mov"})
_MIME = {
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
}
_KEPT_BESIDE = frozenset({".mp4", ".webm", ".mov", ".m4v", ".mkv", ".ogv", ".mp3", ".ogg"})
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)['"]?\s*\)?[^;]*;""")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_CSP_PLACEHOLDER = "\0slidegen-csp\0"


class ExportError(Exception):
    """The export target is unsafe or unusable; the message says what to do."""


class ExportedPage(BaseModel):
    """One self-contained page and the files that must stay beside it."""

    model_config = ConfigDict(frozen=True)

    path: str
    size: int
    needs: list[str] = []


def check_export_target(target: Path, project: Project) -> None:
    """Refuse a target that is, holds or lies inside one of the project's own folders."""
    resolved = target.resolve()
    root = project.root.resolve()
    if resolved == root or root.is_relative_to(resolved):
        raise ExportError(f"{target} would replace the project folder; choose another place")
    folders = [
        project.content_dir,
        project.static_dir,
        project.themes_dir,
        project.out_dir,
        project.root / CACHE_DIR,
    ]
    for folder in folders:
        folder = folder.resolve()
        if resolved == folder or resolved.is_relative_to(folder) or folder.is_relative_to(resolved):
            raise ExportError(
                f"{target} is inside or holds the project's {project.rel(folder)}/ folder;"
                " export somewhere else (e.g. ../export)"
            )


def member_names(output: Output) -> list[str]:
    """Every file of a build as a zip member name, sorted; refuses a name that could escape."""
    names = sorted(set(output.pages) | set(output.copies))
    for name in names:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or "\\" in name or ":" in path.parts[0]:
            raise ExportError(f"refusing to write the unsafe zip member name {name!r}")
    return names


def export_zip(output: Output, target: Path) -> int:
    """Write the build as a zip with fixed dates and sorted names; returns the member count."""
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give the zip file's name, e.g. site.zip")
    if target.exists() and target.stat().st_size and not zipfile.is_zipfile(target):
        raise ExportError(f"{target} exists and is not a zip file; it is left alone")
    names = member_names(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w") as archive:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.create_system = 3  # Unix, whatever machine builds it
                info.external_attr = 0o100644 << 16
                stored = PurePosixPath(name).suffix.lower() in _STORED
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                if name in output.pages:
                    archive.writestr(info, output.pages[name])
                else:
                    with output.copies[name].open("rb") as src, archive.open(info, "w") as dst:
                        shutil.copyfileobj(src, dst, 1024 * 1024)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return len(names)


def single_file_output(output: Output) -> tuple[Output, list[ExportedPage]]:
    """Each HTML page with its styles, scripts and images inlined; videos stay as files."""
    pages: dict[str, bytes] = {}
    copies: dict[str, Path] = {}
    exported: list[ExportedPage] = []
    # Every page carries the same theme CSS, fonts and logo: encode each file once per export.
    memo: dict[tuple[str, str], str] = {}
    for name in sorted(output.pages):
        if not name.endswith(".html"):
            continue
        inliner = _Inliner(name, output, memo)
        inliner.feed(output.pages[name].decode("utf-8"))
        inliner.close()
        html = inliner.result()
        pages[name] = html.encode("utf-8")
        for need in inliner.needs:
            copies[need] = output.copies[need]
        exported.append(ExportedPage(path=name, size=len(pages[name]), needs=inliner.needs))
    if MARKER in output.pages:
        pages[MARKER] = output.pages[MARKER]
    return Output(pages=pages, copies=copies), exported


def _mime(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return _MIME.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


class _Inliner(HTMLParser):
    """Copy a page token by token, replacing references to its own files with their content."""

    def __init__(self, page: str, output: Output, memo: dict[tuple[str, str], str]) -> None:
        super().__init__(convert_charrefs=False)
        self.page = page
        self.output = output
        self.memo = memo
        self.parts: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.needs: list[str] = []

    def result(self) -> str:
        """The page, with a policy that allows exactly the inline code it now holds."""
        policy = escape(single_file_policy(self.scripts, self.styles), quote=True)
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        return "".join(self.parts).replace(_CSP_PLACEHOLDER, meta, 1)

    def _local(self, url: str, base: str | None = None) -> str | None:
        """The output name a relative URL points at, or None for remote, data: or missing."""
        url = url.strip().split("#", 1)[0].split("?", 1)[0]
        if not url or _SCHEME.match(url) or url.startswith("/"):
            return None
        name = posixpath.normpath(posixpath.join(posixpath.dirname(base or self.page), url))
        if name.startswith("../") or name == "..":
            return None
        return name if name in self.output.pages or name in self.output.copies else None

    def _bytes(self, name: str) -> bytes:
        if name in self.output.pages:
            return self.output.pages[name]
        return self.output.copies[name].read_bytes()

    def _data_uri(self, name: str) -> str:
        key = ("uri", name)
        if key not in self.memo:
            payload = base64.b64encode(self._bytes(name)).decode("ascii")
            self.memo[key] = f"data:{_mime(name)};base64,{payload}"
        return self.memo[key]

    def _stylesheet(self, name: str) -> str:
        """A linked stylesheet as the body of a <style> element."""
        key = ("css", name)
        if key not in self.memo:
            css = self._css(name)
            self.memo[key] = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
        return self.memo[key]

    def _css(self, name: str, depth: int = 0) -> str:
        """A stylesheet with its @imports and url() references inlined."""
        css = self._bytes(name).decode("utf-8-sig")

        def imported(match: re.Match[str]) -> str:
            found = self._local(match.group(1), name)
            return self._css(found, depth + 1) if found and depth < 5 else ""

        def url(match: re.Match[str]) -> str:
            found = self._local(match.group(2), name)
            return f'url("{self._data_uri(found)}")' if found else match.group(0)

        return _CSS_URL.sub(url, _CSS_IMPORT.sub(imported, css))

    def _attrs(self, attrs: list[tuple[str, str | None]]) -> str:
        return "".join(
            f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"'
            for name, value in attrs
        )

    def _rewrite(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        values = dict(attrs)
        end = " />" if closed else ">"
        if tag == "head":
            self.parts.append(f"<head{self._attrs(attrs)}>{_CSP_PLACEHOLDER}")
            return
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            return
        if tag == "link" and "stylesheet" in (values.get("rel") or "").lower().split():
            found = self._local(values.get("href") or "")
            if found:
                css = self._stylesheet(found)
                self.styles.append(css)
                self.parts.append(f"<style>{css}</style>")
                return
        if tag == "script" and values.get("src"):
            found = self._local(values["src"] or "")
            if found:
                code = self._bytes(found).decode("utf-8-sig")
                code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
                self.scripts.append(code)
                kept = [(k, v) for k, v in attrs if k not in ("src", "defer", "async")]
                self.parts.append(f"<script{self._attrs(kept)}>{code}")
                return
        icon = tag == "link" and "icon" in (values.get("rel") or "").lower().split()
        rewritten = [(k, self._attribute(k, v, icon)) for k, v in attrs]
        if rewritten == attrs:
            self.parts.append(self.get_starttag_text() or "")
        else:
            self.parts.append(f"<{tag}{self._attrs(rewritten)}{end}")

    def _attribute(self, name: str, value: str | None, icon: bool) -> str | None:
        if value is None or name not in ("src", "poster", "href"):
            return value
        if name == "href" and not icon:
            return value
        found = self._local(value)
        if found is None:
            return value
        if PurePosixPath(found).suffix.lower() in _KEPT_BESIDE:
            if found in self.output.copies and found not in self.needs:
                self.needs.append(found)
            return value
        return self._data_uri(found)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Rewrite tags that load files; copy the rest."""
        self._rewrite(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Same for a self-closing tag."""
        self._rewrite(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        """Copy an end tag."""
        self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        """Copy text (and the raw content of script and style elements)."""
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        """Copy a named character reference."""
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        """Copy a numeric character reference."""
        self.parts.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        """Copy a comment."""
        self.parts.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        """Copy the doctype."""
        self.parts.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        """Copy a processing instruction."""
        self.parts.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        """Copy a CDATA section."""
        self.parts.append(f"<![{data}]>")
