"""The one reader of ``repo_url``: is the site's repository on GitHub, and which one?

Two features need the answer: the submission form hands a new practice file to GitHub's "new file" page (and offers
a fork), and the Decap CMS admin logs in to the repository as ``owner/name``. Both read the address here, so they can
never disagree about which addresses are GitHub repositories.

Accepted: ``http(s)://github.com/owner/name``, with or without ``www.``, a trailing slash, ``.git``, or more of a
GitHub address after the repository (``/tree/main``, as copied from the browser). Not accepted: other hosts, GitHub
Enterprise hosts included (their pages and API live elsewhere), SSH addresses (``git@github.com:owner/name``), addresses
with a port or a user name, and addresses without a repository name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

GITHUB_HOSTS = ("github.com", "www.github.com")
#: The characters GitHub allows in the name of an account or a repository.
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class GitHubRepository:
    """A repository on github.com."""

    owner: str
    name: str

    @property
    def full_name(self) -> str:
        """``owner/name``, as Decap's GitHub backend wants it."""
        return f"{self.owner}/{self.name}"

    @property
    def web_url(self) -> str:
        return f"https://github.com/{self.owner}/{self.name}"

    @property
    def fork_url(self) -> str:
        """GitHub's page to make one's own copy of the repository."""
        return f"{self.web_url}/fork"

    def new_file_url(self, branch: str) -> str:
        """GitHub's "new file" page on ``branch`` (``main`` when empty), to which a file name and its text are added."""
        return f"{self.web_url}/new/{quote(branch.strip() or 'main', safe='/')}"


def github_repository(repo_url: str | None) -> GitHubRepository | None:
    """The GitHub repository that ``repo_url`` names, or None when it names none (see the module's docstring)."""
    parts = urlsplit((repo_url or "").strip())
    if parts.scheme.lower() not in ("http", "https") or (parts.hostname or "") not in GITHUB_HOSTS:
        return None
    if parts.port is not None or parts.username is not None:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) < 2:
        return None
    owner, name = segments[0], segments[1].removesuffix(".git")
    if not (_NAME.match(owner) and _NAME.match(name)) or name in (".", ".."):
        return None
    return GitHubRepository(owner, name)
