"""How proofwork talks to Claude: key, endpoint, models, timeout, retries, output size.

Precedence for every field: an explicit argument, then the environment, then the config mapping, then the
default. `ClaudeSettings(...)` reads `os.environ`; `ClaudeSettings.load(config=..., env=...)` takes both
explicitly (tests, and callers holding a parsed config file).

The key is checked here, not by the SDK: with no key the SDK raises a bare TypeError on the first call (and
would look for `~/.config/anthropic` profiles first), so `available` / `skip_reason` answer before anything is
built.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationInfo, field_validator, model_validator

# Sonnet 5.5: the current mid-size model (a review reads a large evidence pack and must follow a schema well).
DEFAULT_MODEL = "claude-sonnet-5-5"
# Haiku 5.5: about a twentieth of Sonnet's price, used only when the first model stays overloaded (529).
DEFAULT_FALLBACK_MODEL = "claude-haiku-5-5"
# Non-streaming calls wait for the whole answer: 8k output tokens at a Sonnet-class speed take roughly 100 s.
DEFAULT_TIMEOUT_S = 120.0
DEFAULT_CONNECT_TIMEOUT_S = 10.0
DEFAULT_MAX_RETRIES = 3
# Adaptive thinking counts against max_tokens; 8192 leaves room for thinking plus a few thousand of JSON.
DEFAULT_MAX_OUTPUT_TOKENS = 8192

Effort = Literal["low", "medium", "high", "xhigh", "max"]
KeySource = Literal["argument", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "config"]

# field -> (environment variable, config key)
_SOURCES: dict[str, tuple[str | None, str]] = {
    "base_url": ("ANTHROPIC_BASE_URL", "base_url"),
    "model": ("PROOFWORK_MODEL", "model"),
    "fallback_model": ("PROOFWORK_FALLBACK_MODEL", "fallback_model"),
    "timeout": ("PROOFWORK_CLAUDE_TIMEOUT", "timeout"),
    "max_retries": (None, "max_retries"),
    "max_output_tokens": (None, "max_output_tokens"),
    "effort": (None, "effort"),
}


class ClaudeSettings(BaseModel):
    """Everything needed to build a client and make a call. Frozen: vary with `model_copy(update=...)`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    api_key: SecretStr | None = None
    key_source: KeySource | None = None
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    # None (or "" / "none" in the environment or config) turns the fallback off.
    fallback_model: str | None = DEFAULT_FALLBACK_MODEL
    timeout: float = Field(default=DEFAULT_TIMEOUT_S, gt=0, le=3600)
    max_retries: int = Field(default=DEFAULT_MAX_RETRIES, ge=0, le=10)
    max_output_tokens: int = Field(default=DEFAULT_MAX_OUTPUT_TOKENS, ge=1, le=128_000)
    effort: Effort | None = None

    @model_validator(mode="before")
    @classmethod
    def _fill_from_environment_and_config(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, Mapping):
            return data
        context = info.context or {}
        env: Mapping[str, str] = context.get("env", os.environ)
        config: Mapping[str, Any] = context.get("config") or {}
        filled = dict(data)

        if filled.get("api_key"):
            filled.setdefault("key_source", "argument")
        else:
            for key_variable in ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"):
                key = (env.get(key_variable) or "").strip()
                if key:
                    filled["api_key"], filled["key_source"] = key, key_variable
                    break
            else:
                if config.get("api_key"):
                    filled["api_key"], filled["key_source"] = config["api_key"], "config"
                else:
                    filled.pop("api_key", None)

        for name, (variable, config_key) in _SOURCES.items():
            if filled.get(name) is not None:
                continue
            value: Any = (env.get(variable) or "").strip() if variable else ""
            if value == "" and config.get(config_key) is not None:
                value = config[config_key]
            if value != "":
                filled[name] = value
        return filled

    @field_validator("fallback_model", mode="before")
    @classmethod
    def _off_switch(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in ("", "none", "off"):
            return None
        return value

    @field_validator("api_key", mode="before")
    @classmethod
    def _blank_key_is_no_key(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @classmethod
    def load(
        cls,
        *,
        config: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        **given: Any,
    ) -> ClaudeSettings:
        """From arguments (`given`; None means "not given"), then `env`, then `config`, then defaults."""
        data = {name: value for name, value in given.items() if value is not None}
        context = {"env": os.environ if env is None else env, "config": config or {}}
        return cls.model_validate(data, context=context)

    @property
    def available(self) -> bool:
        """True when there is a key to try; whether the API accepts it is only known after a call."""
        return self.api_key is not None

    @property
    def skip_reason(self) -> str | None:
        """Why Claude will not be called, in one line; None when it can be."""
        if self.api_key is None:
            return "no ANTHROPIC_API_KEY set"
        return None

    @property
    def uses_auth_token(self) -> bool:
        """The credential came from ANTHROPIC_AUTH_TOKEN and goes to the SDK as `auth_token`."""
        return self.key_source == "ANTHROPIC_AUTH_TOKEN"
