"""A block's media as a slide shows it: image, video file or player, map, and their QR codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from slidegen.assets import Assets, MediaRef, Picture, VideoFile
from slidegen.config import SiteConfig
from slidegen.csp import page_policy
from slidegen.diagnostics import Position, Severity
from slidegen.maps import MapNote, MapProblem, MapProvider, read_map
from slidegen.model import Block, BlockOrigin, Layout
from slidegen.qr import LinkCodes, QrCode, link_label, qr_code
from slidegen.text.sanitize import link_scheme
from slidegen.video import video_embed


class Player(BaseModel):
    """A hosted video (YouTube, Vimeo): shown online, a QR code to watch it on a phone offline."""

    model_config = ConfigDict(frozen=True)

    provider: str
    src: str
    link: str
    qr: QrCode | None = None


class MapView(BaseModel):
    """A place: an online map where there is network, and always a QR code to open it."""

    model_config = ConfigDict(frozen=True)

    label: str
    embed_src: str | None = None
    link: str
    qr: QrCode | None = None


class SlideMedia(BaseModel):
    """Everything a slide shows besides its text; URLs are relative to the output root."""

    model_config = ConfigDict(frozen=True)

    image: Picture | None = None
    video: VideoFile | None = None
    player: Player | None = None
    map: MapView | None = None


def slide_media(block: Block, origin: BlockOrigin, assets: Assets) -> SlideMedia:
    """Resolve and check the media fields the block's layout shows; others are left alone."""
    pos = Position(line=origin.line, column=1) if origin.line else None

    def ref(field: str) -> MediaRef:
        return MediaRef(file=origin.file, field=field, block=origin.index + 1, pos=pos)

    if block.block in (Layout.TEXT_IMAGE, Layout.IMAGE):
        return SlideMedia(image=assets.image(block.img_path, ref("img_path")))
    if block.block is Layout.VIDEO:
        return _video(block, ref, assets)
    if block.block is Layout.MAP and block.map.strip():
        return SlideMedia(map=_map(block.map, ref("map"), assets))
    return SlideMedia()


def _video(block: Block, ref: Callable[[str], MediaRef], assets: Assets) -> SlideMedia:
    value = block.video.strip()
    if link_scheme(value) in ("http", "https"):
        embed = video_embed(value)
        where: MediaRef = ref("video")
        if embed is None:
            assets.report.warning(
                "remote-media",
                f"{where.subject}: {value} is neither a YouTube/Vimeo link nor a local file;"
                " download the video into static/ and write its path (e.g. /video/clip.mp4)",
                where.file,
                where.pos,
            )
            return SlideMedia()
        assets.report.warning(
            "needs-network",
            f"{where.subject}: this {embed.provider} video plays only when the screen is online;"
            " offline it shows a QR code to watch it on a phone. For offline screens, put an MP4"
            " file in static/ and write its path",
            where.file,
            where.pos,
        )
        player = Player(
            provider=embed.provider,
            src=embed.src,
            link=embed.link,
            qr=qr_code(embed.link, link_label(embed.link)),
        )
        return SlideMedia(player=player)
    video = assets.video_file(value, ref("video"))
    if video is not None and block.poster.strip():
        video = video.model_copy(update={"poster": assets.image(block.poster, ref("poster"))})
    return SlideMedia(video=video)


def _map(value: str, ref: MediaRef, assets: Assets) -> MapView | None:
    result = read_map(value, MapProvider(assets.media.map_provider))
    if isinstance(result, MapProblem):
        assets.report.warning(
            "bad-map", f"{ref.subject}: {result.message}; a placeholder is shown", ref.file, ref.pos
        )
        return None
    if isinstance(result, MapNote):
        place = result.place
        message = f"{ref.subject}: {result.note}"
        assets.report.add(Severity.INFO, "map-link", message, ref.file, ref.pos)
    else:
        place = result
        if place.embed_src is None:
            assets.report.add(
                Severity.INFO,
                "map-address",
                f"{ref.subject}: OpenStreetMap cannot show an address without coordinates, so"
                ' the screen shows the address and a QR code; write "lat,lon" for a map, or set'
                ' [media] map_provider = "google" in slidegen.toml',
                ref.file,
                ref.pos,
            )
    return MapView(
        label=place.label,
        embed_src=place.embed_src,
        link=place.link,
        qr=qr_code(place.link, place.label),
    )


def template_globals(config: SiteConfig) -> dict[str, Any]:
    """What the templates need from media: the page's CSP and QR codes for links in text."""
    # The policy is built here from constants (no quotes or markup to escape).
    return {"csp": Markup(page_policy()), "link_codes": LinkCodes(config.media.link_qr)}
