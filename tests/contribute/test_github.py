"""The one reader of ``repo_url``: the submission form and the Decap admin agree on which addresses are GitHub's."""

from __future__ import annotations

import pytest
from praktijkbank.contribute.github import GitHubRepository, github_repository

REPO = GitHubRepository("voorbeeld", "praktijkbank")


@pytest.mark.parametrize("url", [
    "https://github.com/voorbeeld/praktijkbank",
    "https://github.com/voorbeeld/praktijkbank/",          # trailing slash
    "https://github.com/voorbeeld/praktijkbank.git",       # the clone address
    "https://github.com/voorbeeld/praktijkbank.git/",
    "http://github.com/voorbeeld/praktijkbank",            # http: the same repository
    "https://www.github.com/voorbeeld/praktijkbank",
    "https://GitHub.com/voorbeeld/praktijkbank",
    "  https://github.com/voorbeeld/praktijkbank  ",
    "https://github.com/voorbeeld/praktijkbank/tree/main",  # copied from the browser on a branch
    "https://github.com/voorbeeld/praktijkbank?tab=readme",
])
def test_addresses_of_a_github_repository(url: str) -> None:
    assert github_repository(url) == REPO


@pytest.mark.parametrize("url", [
    "https://github.example.org/voorbeeld/praktijkbank",   # GitHub Enterprise: pages and API live elsewhere
    "https://gitlab.com/voorbeeld/praktijkbank",            # not GitHub
    "https://codeberg.org/voorbeeld/praktijkbank",
    "https://github.com.example.org/voorbeeld/praktijkbank",
    "git@github.com:voorbeeld/praktijkbank.git",            # SSH, not a web address
    "ftp://github.com/voorbeeld/praktijkbank",
    "https://github.com:8443/voorbeeld/praktijkbank",
    "https://iemand@github.com/voorbeeld/praktijkbank",
    "https://github.com/voorbeeld",                        # an account, no repository
    "https://github.com/voorbeeld/.git",
    "https://github.com/voor beeld/praktijkbank",
    "github.com/voorbeeld/praktijkbank",                   # no scheme
    "",
    None,
])
def test_addresses_that_name_no_github_repository(url: str | None) -> None:
    assert github_repository(url) is None


def test_the_pages_a_repository_offers() -> None:
    repo = GitHubRepository("voorbeeld", "praktijk.bank")
    assert repo.full_name == "voorbeeld/praktijk.bank"
    assert repo.web_url == "https://github.com/voorbeeld/praktijk.bank"
    assert repo.fork_url == "https://github.com/voorbeeld/praktijk.bank/fork"
    assert repo.new_file_url("main") == "https://github.com/voorbeeld/praktijk.bank/new/main"
    assert repo.new_file_url("") == "https://github.com/voorbeeld/praktijk.bank/new/main"
    assert repo.new_file_url("redactie/nieuw werk") == "https://github.com/voorbeeld/praktijk.bank/new/redactie/nieuw%20werk"
