"""Files people upload in a Hearth modal (`file_input`), fetched into `Event.attachment`.

The submission names the file; `files.info` (asked through the configured
Web API) says where its bytes are and how big it is. The bot token goes only
to that API's own host or to Slack's, never to any other URL a payload names.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.uploads import MAX_UPLOAD_BYTES, too_big, unreadable

log = logging.getLogger(__name__)

TIMEOUT = aiohttp.ClientTimeout(total=10)


def trusted(url: str, api_url: str) -> bool:
    """May the bot token be sent to `url`? Only Slack's hosts or the configured API's."""
    target, api = urlsplit(url), urlsplit(api_url)
    if (target.scheme, target.netloc) == (api.scheme, api.netloc):
        return True
    host = target.hostname or ""
    return target.scheme == "https" and (host == "slack.com" or host.endswith(".slack.com"))


class FileFetcher:
    def __init__(self, client: AsyncWebClient, token: str, api_url: str) -> None:
        self.client = client
        self.token = token
        self.api_url = api_url

    async def fetch(self, file: dict[str, Any]) -> bytes:
        """The bytes of one uploaded file; raises `UploadRefused` with a kind reply."""
        try:
            info = (await self.client.files_info(file=str(file.get("id", ""))))["file"]
        except SlackApiError as err:
            log.warning("files.info failed: %s", err.response.get("error"))
            raise unreadable("Slack") from None
        size = int(info.get("size") or 0)
        if size > MAX_UPLOAD_BYTES:
            raise too_big(size)
        url = str(info.get("url_private_download") or info.get("url_private") or "")
        if not trusted(url, self.api_url):
            log.warning("not sending the bot token to an unexpected file host: %s", urlsplit(url).netloc)
            raise unreadable("Slack")
        return await self._download(url)

    async def _download(self, url: str) -> bytes:
        """Read at most `MAX_UPLOAD_BYTES` (aiohttp drops the token if a redirect leaves the host)."""
        headers = {"Authorization": f"Bearer {self.token}"}
        data = bytearray()
        try:
            async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
                async with session.get(url, headers=headers) as resp:
                    if resp.status != 200 or resp.content_type == "text/html":  # Slack's sign-in page
                        log.warning("downloading an uploaded file answered HTTP %s (%s)", resp.status,
                                    resp.content_type)
                        raise unreadable("Slack")
                    async for chunk in resp.content.iter_chunked(64 * 1024):
                        data += chunk
                        if len(data) > MAX_UPLOAD_BYTES:
                            raise too_big(None)
        except (aiohttp.ClientError, TimeoutError):
            log.warning("downloading an uploaded file failed", exc_info=True)
            raise unreadable("Slack") from None
        return bytes(data)
