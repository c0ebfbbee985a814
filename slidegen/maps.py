"""Read a block's `map`: coordinates, an address, or a link or embed from a known map site."""

from __future__ import annotations

import html
import math
import re
from enum import StrEnum
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from pydantic import BaseModel, ConfigDict

from slidegen.text.sanitize import link_scheme, split_url

DEFAULT_ZOOM = 16


class MapProvider(StrEnum):
    """Whose map a slide embeds and whose page its QR code opens."""

    OSM = "osm"
    GOOGLE = "google"
    YANDEX = "yandex"


# Frame hosts the page's Content-Security-Policy allows for maps; embeds from others are refused.
EMBED_HOSTS = (
    "https://www.openstreetmap.org",
    "https://www.google.com",
    "https://maps.google.com",
    "https://yandex.ru",
    "https://yandex.kz",
    "https://yandex.com",
    "https://widgets.2gis.com",
)
_LINK_HOSTS = {
    "openstreetmap.org": "OpenStreetMap",
    "google.com": "Google Maps",
    "goo.gl": "Google Maps",
    "yandex.ru": "Yandex Maps",
    "yandex.kz": "Yandex Maps",
    "yandex.com": "Yandex Maps",
    "2gis.kz": "2GIS",
    "2gis.ru": "2GIS",
    "2gis.com": "2GIS",
}
_NUMBER = r"[-+]?\d{1,3}(?:\.\d+)?"
_COORDS = re.compile(rf"\s*({_NUMBER})\s*[,;\s]\s*({_NUMBER})\s*(?:[,;\s]\s*(\d{{1,2}})\s*)?")
_IFRAME_SRC = re.compile(r"""<iframe\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_GOOGLE_AT = re.compile(rf"@({_NUMBER}),({_NUMBER})(?:,(\d{{1,2}}(?:\.\d+)?)z)?")
_GOOGLE_PB = re.compile(rf"!2d({_NUMBER})!3d({_NUMBER})")


class MapPlace(BaseModel):
    """A place to show: what the offline card says, what the iframe loads, what the QR opens."""

    model_config = ConfigDict(frozen=True)

    label: str
    embed_src: str | None = None
    link: str


class MapProblem(BaseModel):
    """Why a `map` value cannot be used, said so a press office can fix it."""

    model_config = ConfigDict(frozen=True)

    message: str


class MapNote(BaseModel):
    """A usable place with something worth telling the author."""

    model_config = ConfigDict(frozen=True)

    place: MapPlace
    note: str


def read_map(value: str, provider: MapProvider) -> MapPlace | MapNote | MapProblem:
    """Understand `lat,lon[,zoom]`, an embed URL or <iframe> code, a map link, or an address."""
    text = value.strip()
    iframe = _IFRAME_SRC.search(text)
    if iframe:
        text = html.unescape(iframe.group(1)).strip()
    coords = _COORDS.fullmatch(text)
    if coords:
        return _from_coords(coords.group(1), coords.group(2), coords.group(3), provider)
    parts = split_url(text)
    scheme = parts.scheme.lower() if parts is not None else ""
    if scheme in ("http", "https"):
        return _from_url(text, provider)
    if scheme == "geo":
        found = _COORDS.match(parts.path.split(";")[0]) if parts is not None else None
        if found:
            return _from_coords(found.group(1), found.group(2), None, provider)
    if link_scheme(text) and not re.match(r"^[^:]*:\s", text):
        return MapProblem(
            message=f'"{text[:60]}" is not a place: write "lat,lon" (e.g. "43.2383,76.9453"),'
            " an address, or a link from OpenStreetMap, Google Maps, Yandex Maps or 2GIS"
        )
    if len(text) > 200:
        return MapProblem(message="is too long for an address; write the street and city only")
    return address_place(text, provider)


def _from_coords(
    lat_text: str, lon_text: str, zoom_text: str | None, provider: MapProvider
) -> MapPlace | MapProblem:
    lat, lon = float(lat_text), float(lon_text)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        hint = (
            ' (latitude comes first: "lat,lon")' if -90 <= lon <= 90 and -180 <= lat <= 180 else ""
        )
        return MapProblem(
            message=f"{lat_text},{lon_text} are not coordinates: latitude must be between -90 and"
            f" 90 and longitude between -180 and 180{hint}"
        )
    zoom = min(max(int(zoom_text), 1), 19) if zoom_text else DEFAULT_ZOOM
    return coords_place(lat, lon, zoom, provider)


def coords_place(lat: float, lon: float, zoom: int, provider: MapProvider) -> MapPlace:
    """A place given by coordinates, embedded and linked with `provider`."""
    return MapPlace(
        label=f"{lat:.5f}, {lon:.5f}",
        embed_src=_coords_embed(lat, lon, zoom, provider),
        link=_coords_link(lat, lon, zoom, provider),
    )


def address_place(address: str, provider: MapProvider) -> MapPlace:
    """A place given by its address; OpenStreetMap cannot embed a search, so it has no iframe."""
    query = quote(address, safe="")
    links = {
        MapProvider.OSM: f"https://www.openstreetmap.org/search?query={query}",
        MapProvider.GOOGLE: f"https://www.google.com/maps/search/?api=1&query={query}",
        MapProvider.YANDEX: f"https://yandex.kz/maps/?text={query}",
    }
    embeds = {
        MapProvider.OSM: None,
        MapProvider.GOOGLE: f"https://maps.google.com/maps?q={query}&z={DEFAULT_ZOOM}&output=embed",
        MapProvider.YANDEX: f"https://yandex.kz/map-widget/v1/?text={query}&z={DEFAULT_ZOOM}",
    }
    return MapPlace(label=address, embed_src=embeds[provider], link=links[provider])


def _coords_embed(lat: float, lon: float, zoom: int, provider: MapProvider) -> str:
    if provider is MapProvider.GOOGLE:
        return f"https://maps.google.com/maps?q={lat},{lon}&z={zoom}&output=embed"
    if provider is MapProvider.YANDEX:
        pin = f"{lon},{lat}"
        return "https://yandex.kz/map-widget/v1/?" + urlencode(
            {"ll": pin, "z": zoom, "pt": f"{pin},pm2rdm"}
        )
    # About four 256-pixel tiles across, which is what a half-screen frame shows at this zoom.
    half_lon = 360 / 2**zoom * 2
    half_lat = half_lon * max(math.cos(math.radians(lat)), 0.05) * 0.6
    bbox = ",".join(
        f"{v:.6f}" for v in (lon - half_lon, lat - half_lat, lon + half_lon, lat + half_lat)
    )
    return "https://www.openstreetmap.org/export/embed.html?" + urlencode(
        {"bbox": bbox, "layer": "mapnik", "marker": f"{lat},{lon}"}
    )


def _coords_link(lat: float, lon: float, zoom: int, provider: MapProvider) -> str:
    if provider is MapProvider.GOOGLE:
        return f"https://www.google.com/maps/search/?api=1&query={lat},{lon}"
    if provider is MapProvider.YANDEX:
        return f"https://yandex.kz/maps/?pt={lon},{lat}&z={zoom}&l=map"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"


def _host_label(host: str) -> str | None:
    for suffix, label in _LINK_HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return label
    return None


def _is_embed(host: str, path: str, query: dict[str, list[str]]) -> bool:
    """Only these URL shapes are players meant for an iframe."""
    origin = f"https://{host}"
    if origin not in EMBED_HOSTS:
        return False
    if host == "www.openstreetmap.org":
        return path == "/export/embed.html"
    if host in ("www.google.com", "maps.google.com"):
        return path.startswith("/maps/embed") or query.get("output") == ["embed"]
    if host.startswith("yandex."):
        return path.startswith("/map-widget/")
    return host == "widgets.2gis.com"


def _from_url(url: str, provider: MapProvider) -> MapPlace | MapNote | MapProblem:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    site = _host_label(host)
    if site is None:
        return MapProblem(
            message=f"maps from {host or 'this address'} are not allowed on the screens;"
            " use coordinates (lat,lon), an address, or a link from OpenStreetMap, Google Maps,"
            " Yandex Maps or 2GIS"
        )
    query = parse_qs(parts.query)
    coords = _coords_in(host, parts.path, query, parts.fragment)
    embed = url if parts.scheme == "https" and _is_embed(host, parts.path, query) else None
    if coords is not None:
        derived = coords_place(*coords, provider)
        # The pasted embed is shown as it is; a pasted page link is what the QR code opens.
        update = {"embed_src": embed} if embed else {"link": url}
        return derived.model_copy(update=update)
    if embed:
        # An embed URL opens a full map page on a phone too.
        return MapPlace(label=site, embed_src=embed, link=url)
    return MapNote(
        place=MapPlace(label=site, link=url),
        note=f"this {site} link has no coordinates slidegen can read, so only its QR code is"
        ' shown; for a map on the screen, use the "embed" link or write "lat,lon"',
    )


def _coords_in(
    host: str, path: str, query: dict[str, list[str]], fragment: str
) -> tuple[float, float, int] | None:
    """Coordinates written in a provider's URL, if any."""
    found: tuple[str, str, str | None] | None = None
    if "openstreetmap.org" in host:
        if "marker" in query:
            lat, _, lon = query["marker"][0].partition(",")
            found = (lat, lon, None)
        elif "mlat" in query and "mlon" in query:
            found = (query["mlat"][0], query["mlon"][0], None)
        if match := re.search(rf"map=(\d+)/({_NUMBER})/({_NUMBER})", fragment):
            found = (found[0], found[1], match[1]) if found else (match[2], match[3], match[1])
    elif "google." in host:
        if match := _GOOGLE_AT.search(path):
            found = (match[1], match[2], match[3])
        elif match := _GOOGLE_PB.search("".join(query.get("pb", []))):
            found = (match[2], match[1], None)
        elif match := _COORDS.fullmatch(query.get("q", query.get("query", [""]))[0]):
            found = (match[1], match[2], query.get("z", [None])[0])
    elif "yandex." in host:
        point = query.get("pt", query.get("ll", [""]))[0].split(",")
        if len(point) >= 2:
            found = (point[1], point[0], query.get("z", [None])[0])
    elif "2gis." in host and (match := re.search(rf"/({_NUMBER}),({_NUMBER})", path)):
        found = (match[2], match[1], None)
    if found is None:
        return None
    try:
        lat, lon = float(found[0]), float(found[1])
        zoom = round(float(found[2])) if found[2] else DEFAULT_ZOOM
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon, min(max(zoom, 1), 19)
