"""All configuration in one place: defaults, overridable by ``KB_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from kb_tools.errors import ConfigError
from kb_tools.phrases import phrase


class Settings(BaseSettings):
    """Paths, embedder and server options. Each field is also ``KB_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="KB_", extra="ignore", frozen=True)

    library_dir: Path = Path("concepts")
    site_dir: Path = Path("site")
    index_dir: Path = Path("build/index")
    build_dir: Path = Path("build")
    embedder: str = "e5-small"
    host: str = "127.0.0.1"
    # 0 lets `kb serve` pick a free port (tests, benchmarks).
    port: int = Field(default=8000, ge=0, le=65535)
    # `kb serve`: worker processes (each loads the index once; search scales with cores),
    # seconds a client may take for its request headers and may stay idle between requests,
    # and open connections beyond which new ones are closed at once.
    workers: int = Field(default=1, ge=1, le=64)
    header_timeout: float = Field(default=10.0, gt=0, le=600)
    keep_alive_timeout: int = Field(default=5, ge=1, le=600)
    max_connections: int = Field(default=1000, ge=1, le=1_000_000)
    # Query vectors `kb serve` keeps (a repeated query skips the model); 0 turns it off.
    query_cache: int = Field(default=1024, ge=0, le=1_000_000)
    # Seconds between two looks at the index manifest: a new index goes live without restart.
    reload_interval: float = Field(default=1.0, gt=0, le=3600)
    # Comma-separated origins allowed to call the API from another site ("*" for any).
    cors_origins: str = ""
    # Where the site's scripts find the API; empty means the same origin as the site.
    api_base_url: str = ""
    # Public address of the site: absolute ids in the JSON-LD and the sitemap.
    site_url: str = "http://127.0.0.1:8000/"
    # MkDocs base configuration of the site (theme, nav, overrides); see `kb build`.
    site_config: Path = Path("mkdocs.yml")
    # The editor at /admin/ (Decap CMS): "local" edits this working tree through decap-server;
    # "github"/"gitlab" save every draft as a branch + pull/merge request (editorial workflow).
    cms_backend: Literal["local", "github", "gitlab"] = "local"
    # "owner/name" of the library repository on GitHub or GitLab.
    cms_repo: str = ""
    cms_branch: str = "main"
    # OAuth: GitHub needs an OAuth proxy (base_url + auth_endpoint); GitLab an app id (PKCE).
    cms_base_url: str = ""
    cms_auth_endpoint: str = ""
    cms_app_id: str = ""
    # API root of a self-hosted GitLab (e.g. https://gitlab.example.org/api/v4).
    cms_api_root: str = ""
    # Where decap-server listens in local mode, and the library folder as seen from its root.
    cms_local_url: str = "http://127.0.0.1:8081/api/v1"
    cms_library_path: str = ""

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment plus explicit overrides; a bad value names its key."""
    values = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**values)  # type: ignore[arg-type]  # values are checked right here
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        key = str(err["loc"][0]) if err["loc"] else "?"
        raise ConfigError(
            f"Einstellung KB_{key.upper()} hat den ungültigen Wert {err.get('input')!r}: "
            f"{phrase(err)}"
        ) from None
