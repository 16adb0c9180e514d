"""Settings from the environment (prefix `REDRAFT_`, nested with `__`); no import-time globals."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class DatabaseSettings(BaseModel):
    # The embedded default: one SQLite file in the working directory, no services needed.
    url: str = "sqlite:///redraft.db"
    echo: bool = False
    # PostgreSQL: give up opening a connection after this long (libpq counts 2 s at least).
    connect_timeout_seconds: int = Field(default=5, ge=2, le=300)
    # PostgreSQL cancels a statement that runs longer (its `statement_timeout`); 0 turns it off.
    statement_timeout_seconds: float = Field(default=30, ge=0, le=86_400)
    # PostgreSQL: a server that sends nothing back for this long (a frozen host, which the
    # statement timeout cannot stop) is given up on and the connection closed; 0 turns it off.
    # Longer than the statement timeout, so that the server cancels a slow statement first.
    answer_timeout_seconds: float = Field(default=35, ge=0, le=86_400)
    # How long a request waits for a free pooled connection before answering 503.
    pool_timeout_seconds: float = Field(default=5, gt=0, le=300)
    pool_size: int = Field(default=5, ge=1, le=1000)
    pool_max_overflow: int = Field(default=10, ge=0, le=1000)

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("only sqlite:// and postgresql+psycopg:// URLs are supported")
        if value.startswith("postgresql://"):
            # psycopg 3 is the driver we ship; name it so SQLAlchemy does not look for psycopg2.
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value

    @model_validator(mode="after")
    def _answer_outlasts_statements(self) -> DatabaseSettings:
        statement, answer = self.statement_timeout_seconds, self.answer_timeout_seconds
        if answer and statement and answer <= statement:
            raise ValueError(
                f"answer_timeout_seconds ({answer:g}) must be longer than "
                f"statement_timeout_seconds ({statement:g}), or 0"
            )
        return self


class LimitSettings(BaseModel):
    # Largest request body the API accepts (token sets of big design systems are a few MB).
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    page_size_max: int = Field(default=200, gt=0)


class SignInSettings(BaseModel):
    # Failed sign-ins allowed within the window, per user name and per client address; beyond
    # either, the form answers 429 without checking the password until the oldest ages out.
    max_failures_per_name: int = Field(default=5, gt=0)
    # Higher than per name: people behind one NAT share an address. `redraft serve` takes the
    # client's address from X-Forwarded-For only when a proxy on 127.0.0.1 sends it (uvicorn's
    # default; FORWARDED_ALLOW_IPS names other proxies), else every client counts as the proxy.
    max_failures_per_address: int = Field(default=30, gt=0)
    window_seconds: int = Field(default=15 * 60, gt=0)


class ServerSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(default=8000, gt=0, lt=65536)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="REDRAFT_", env_nested_delimiter="__", extra="ignore"
    )

    database: DatabaseSettings = DatabaseSettings()
    limits: LimitSettings = LimitSettings()
    server: ServerSettings = ServerSettings()
    sign_in: SignInSettings = SignInSettings()
    workspace: Path = Path()
    # Named generator back-end (entry point in the `redraft.generators` group).
    generator: str = "builtin"
    # Signs web sign-in sessions. Without one each process makes a random key, so sessions end
    # on restart and do not carry across several server processes: set it in production.
    secret_key: SecretStr | None = None

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError("REDRAFT_SECRET_KEY needs at least 32 characters")
        return value
