"""``/.well-known/security.txt`` (RFC 9116): where to report a security problem with the site.

Written only when the site sets ``security_contact``. ``Contact`` and ``Expires`` are required by the RFC, so a
contact without an expiry date (or one that is no ``mailto:``, ``https:`` or ``tel:`` address) is a setting error.
The date comes from the settings, not from the clock: the file is the same on every build.
"""

from __future__ import annotations

import datetime
import re

from praktijkbank.publishing.publication import SECURITY_PATH, Publication, PublicationError

_CONTACT = re.compile(r"^(mailto:[^@\s]+@[^@\s]+\.[^@\s]+|https://[^\s/?#]+\S*|tel:\+?[0-9][0-9-]{3,})$", re.IGNORECASE)


def expires(value: str) -> str:
    """The ``Expires`` value (RFC 3339, UTC) of a date (``2027-05-01``) or a date and time with a zone."""
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            moment = datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time(0, 0), datetime.UTC)
        else:
            moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                raise ValueError(text)
    except ValueError:
        raise PublicationError(
            f"security_expires '{text}' is geen datum; schrijf jaar-maand-dag, bijvoorbeeld 2027-05-01") from None
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expired(publication: Publication, today: datetime.date) -> bool:
    """Whether the file says it is out of date on ``today`` (the adapter warns; the clock never changes the file)."""
    return bool(publication.security_expires) and expires(publication.security_expires)[:10] <= today.isoformat()


def security_txt(publication: Publication) -> bytes:
    contacts = [" ".join(str(contact).split()) for contact in publication.security_contact]
    for contact in contacts:
        if not _CONTACT.match(contact):
            raise PublicationError(f"security_contact '{contact}' is geen adres; schrijf mailto:..., https://... of tel:...")
    if not publication.security_expires:
        raise PublicationError("security_contact staat in mkdocs.yml, maar security_expires niet: security.txt moet zeggen "
                               "tot wanneer het klopt (RFC 9116); schrijf een datum binnen een jaar, bijvoorbeeld 2027-05-01")
    lines = [f"Contact: {contact}" for contact in contacts]
    lines.append(f"Expires: {expires(publication.security_expires)}")
    lines.append("Preferred-Languages: nl, en")
    if publication.base is not None:
        lines.append(f"Canonical: {publication.href(SECURITY_PATH)}")
    return ("\n".join(lines) + "\n").encode("utf-8")
