"""The learner's record as one JSON file: export it, import it into another database, never lose it.

The file carries `schema_version` (the Alembic revision it was written at) and every table of the record,
for all learners or one. Row ids in the file are renumbered 1..n per table (references follow), so they
are references inside the file, not database ids: an import gives every row a fresh id, an export of that
import gives the same file back, and a learner can join a database that already holds others.

Tables are read by reflection, not from the models, so the same code reads and writes a database at any
past revision: a file from an older proofwork is loaded into a scratch SQLite database at its revision,
upgraded there by the real migrations, and imported from that.

An import applies the rules the commands apply (tracker.rules: column limits that are the same on both
engines, minutes and the 24-hour day, weekly hours, a known target role, a drill schedule FSRS can read;
the profile's contact fields and the work history through the very checks `profile edit` and `experience
add` use), so a file can never put into the record what `proofwork log` or `init` would have refused.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, and_, delete, insert, select, text
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.sql import sqltypes
from sqlalchemy.sql.elements import ColumnElement

from curriculum.errors import UserError
from curriculum.files import write_atomic
from tracker import migrate, rules

FORMAT = "proofwork-record"
Payload = dict[str, Any]


def reflect(connection: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(connection)
    if "alembic_version" in metadata.tables:
        metadata.remove(metadata.tables["alembic_version"])
    for table in metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, sqltypes.JSON):
                # null in the file is SQL NULL in the record, as it was before export (not the JSON text 'null').
                column.type.none_as_null = True
    return metadata


def _parent(column: Any) -> str | None:
    for key in column.foreign_keys:
        return str(key.column.table.name)
    return None


def _owned_by(table: Table, learner_ids: list[int]) -> ColumnElement[bool] | None:
    """Which rows of `table` belong to these learners: by learner_id, or through a required parent."""
    if table.name == "learners":
        return table.c.id.in_(learner_ids)
    if "learner_id" in table.c:
        return table.c.learner_id.in_(learner_ids)
    for column in table.columns:
        for key in column.foreign_keys:
            parent = key.column.table
            owned = _owned_by(parent, learner_ids) if not column.nullable else None
            if owned is not None:
                return column.in_(select(parent.c.id).where(owned))
    return None


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def dump(connection: Connection, handle: str | None = None) -> Payload:
    """The record (one learner's, or everyone's) as a JSON-ready dict."""
    metadata = reflect(connection)
    learner_ids: list[int] | None = None
    if handle is not None:
        learners = metadata.tables["learners"]
        learner_ids = list(connection.scalars(select(learners.c.id).where(learners.c.handle == handle)))
        if not learner_ids:
            known = ", ".join(connection.scalars(select(learners.c.handle).order_by(learners.c.handle)))
            raise UserError(f"no learner {handle!r} in this database (learners: {known or 'none yet'})")
    new_ids: dict[str, dict[int, int]] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in metadata.sorted_tables:  # parents first, so references can be renumbered
        query = select(table).order_by(table.c.id)
        if learner_ids is not None:
            owned = _owned_by(table, learner_ids)
            if owned is None:
                continue  # not part of anyone's record
            query = query.where(owned)
        rows = connection.execute(query).mappings().all()
        new_ids[table.name] = {row["id"]: n for n, row in enumerate(rows, start=1)}
        tables[table.name] = [_export_row(table, row, new_ids) for row in rows]
    return {
        "format": FORMAT,
        "schema_version": _revision(connection),
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "learner": handle,
        "tables": dict(sorted(tables.items())),
    }


def _export_row(table: Table, row: Any, new_ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    out = {}
    for column in table.columns:
        value = row[column.name]
        parent = _parent(column)
        if column.name == "id":
            value = new_ids[table.name][value]
        elif parent is not None and value is not None:
            # A reference outside the exported record would be silently wrong in the file: a bug, stop.
            value = new_ids[parent][value]
        out[column.name] = _to_json(value)
    return dict(sorted(out.items()))


def _revision(connection: Connection) -> str:
    return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def write_export(payload: Payload, path: Path) -> None:
    """Write the file atomically: a crash mid-write never leaves a half file under its name."""
    write_atomic(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a record can hold")


def read_export(path: Path) -> Payload:
    """Parse and check the envelope of an export file; one clear line for anything wrong with it."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"no file {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read {path}: {error}") from None
    try:
        payload = json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise UserError(f"{path} is not JSON ({error})") from None
    except ValueError as error:  # NaN, Infinity: not JSON, though Python's parser takes them
        raise UserError(f"{path} is not an export proofwork wrote ({error})") from None
    except RecursionError:
        raise UserError(f"{path} is nested too deeply to be an export proofwork wrote") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise UserError(f'{path} is not a proofwork export (no "format": "{FORMAT}")')
    if not isinstance(payload.get("schema_version"), str):
        raise UserError(f"{path} has no schema_version")
    tables = payload.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(row, dict) for row in rows) for rows in tables.values()
    ):
        raise UserError(f'{path}: "tables" must map each table name to a list of rows')
    return payload


def at_head(payload: Payload) -> Payload:
    """The payload upgraded to this proofwork's schema, or a clear refusal if it comes from a newer one."""
    version = payload["schema_version"]
    known = migrate.revisions()
    if version == known[-1]:
        return payload
    if version not in known:
        raise UserError(
            f"this file was written by a newer proofwork (schema {version}; this one knows up to "
            f"{known[-1]}): upgrade proofwork, then import it"
        )
    from tracker.db import create_engine_for

    with tempfile.TemporaryDirectory(prefix="proofwork-import-") as scratch:
        engine = create_engine_for(f"sqlite:///{Path(scratch) / 'upgrade.db'}")
        try:
            migrate.upgrade(engine, version)
            with engine.begin() as connection:
                load(connection, payload)
            migrate.upgrade(engine, "head")
            with engine.connect() as connection:
                return dump(connection)
        finally:
            engine.dispose()


def load(connection: Connection, payload: Payload, *, replace: bool = False) -> dict[str, int]:
    """Insert a payload at this database's schema; returns rows per table. The caller owns the transaction."""
    metadata = reflect(connection)
    tables: dict[str, list[dict[str, Any]]] = payload["tables"]
    unknown = sorted(set(tables) - set(metadata.tables))
    if unknown:
        raise UserError(f"the file has tables this database does not know: {', '.join(unknown)}")
    referenced = {_parent(c) for t in metadata.tables.values() for c in t.columns} - {None}
    checks = _RecordRules()
    # Every row is converted and checked before the first write: a refused file changes nothing, and the
    # message names the first bad row, not a database error halfway through.
    prepared: dict[str, list[dict[str, Any]]] = {}
    for table in metadata.sorted_tables:
        rows = tables.get(table.name, [])
        prepared[table.name] = [_import_row(table, n, row, checks) for n, row in enumerate(rows)]
    _make_room(connection, metadata.tables["learners"], tables.get("learners", []), replace)
    new_ids: dict[str, dict[int, int]] = {}
    counts: dict[str, int] = {}
    try:
        for table in metadata.sorted_tables:
            rows = tables.get(table.name, [])
            values = [_with_new_ids(table, n, row, new_ids) for n, row in enumerate(prepared[table.name])]
            kept = [
                (row, value) for row, value in zip(rows, values, strict=True) if not _held(connection, table, value)
            ]
            counts[table.name] = len(kept)
            new_ids[table.name] = {}
            if not kept:
                continue
            if table.name in referenced:
                query = insert(table).returning(table.c.id, sort_by_parameter_order=True)
                created = connection.execute(query, [value for _, value in kept]).scalars().all()
                new_ids[table.name] = {row["id"]: new for (row, _), new in zip(kept, created, strict=True)}
            else:
                connection.execute(insert(table), [value for _, value in kept])
    except (IntegrityError, DataError) as error:
        detail = str(error.orig).strip().splitlines()[0]
        raise UserError(f"the file breaks a rule of the record ({detail}); nothing was imported") from None
    return counts


def _held(connection: Connection, table: Table, values: dict[str, Any]) -> bool:
    """A row that belongs to nobody (a grade made before any profile) and is already here, value for value.

    Such rows are not replaced with a learner's record, so importing a full export again (`--replace`)
    would otherwise add them a second time.
    """
    if "learner_id" not in table.c or values.get("learner_id") is not None:
        return False
    same = [
        table.c[name].is_(None) if value is None else table.c[name] == value
        for name, value in values.items()
        if not isinstance(table.c[name].type, sqltypes.JSON)
    ]
    return connection.scalar(select(table.c.id).where(and_(*same)).limit(1)) is not None


class _RecordRules:
    """The rules that span rows or mean something to the plan, applied to an import row by row."""

    def __init__(self) -> None:
        self.minutes_by_day: dict[tuple[Any, Any], int] = defaultdict(int)

    def check(self, table: str, values: dict[str, Any], where: str) -> None:
        """Check a row; the fields a command normalises (a GitHub handle to its URL...) are stored as it would."""
        if table == "learners":
            rules.check_weekly_hours(values.get("weekly_hours"), f"{where}.weekly_hours")  # type: ignore[arg-type]
            rules.check_target_role(values.get("target_role"), f"{where}.target_role")  # type: ignore[arg-type]
            values.update(_as_commands_store(where, _learner_fields, values))
        elif table == "experiences":
            values.update(_as_commands_store(where, _job_fields, values))
        elif table == "log_entries":
            minutes = rules.check_minutes(values.get("minutes"), f"{where}.minutes")  # type: ignore[arg-type]
            key = (values.get("learner_id"), values.get("day"))
            rules.check_day_total(f"{where}: {key[1]}", self.minutes_by_day[key], minutes)
            self.minutes_by_day[key] += minutes
        elif table == "drill_cards" and "fsrs" in values:
            rules.check_fsrs(values["fsrs"], f"{where}.fsrs")
        elif table == "drill_attempts" and "seconds" in values:
            rules.check_seconds(values["seconds"], f"{where}.seconds")


def _as_commands_store(where: str, check: Any, values: dict[str, Any]) -> dict[str, Any]:
    """What `profile edit` or `experience add` would store for these values, or their refusal naming the row."""
    try:
        return dict(check(values))
    except UserError as error:
        raise UserError(f"{where}: {error}") from None


def _learner_fields(values: dict[str, Any]) -> dict[str, object]:
    from tracker.learners import ProfileInput, checked_profile

    fields = ("name", "current_role", "email", "location", "website", "github", "linkedin")
    return checked_profile(ProfileInput(**{name: values.get(name) for name in fields}))


def _job_fields(values: dict[str, Any]) -> dict[str, object]:
    from tracker.experience import ExperienceInput, checked_experience

    highlights = values.get("highlights")
    if highlights is not None and not (isinstance(highlights, list) and all(isinstance(h, str) for h in highlights)):
        raise UserError(f"highlights must be a list of texts, not {_shown(highlights)}")
    entry = ExperienceInput(
        role=values.get("role"),
        organisation=values.get("organisation"),
        location=values.get("location"),
        start=values.get("start_date"),
        end=values.get("end_date"),
        summary=values.get("summary"),
        highlights=highlights,
    )
    return checked_experience(entry)


def _make_room(connection: Connection, learners: Table, rows: list[dict[str, Any]], replace: bool) -> None:
    handles = [row.get("handle") for row in rows]
    present = sorted(connection.scalars(select(learners.c.handle).where(learners.c.handle.in_(handles))))
    if present and not replace:
        raise UserError(
            f"this database already holds {', '.join(present)}; add --replace to overwrite their record with the file's"
        )
    if present:  # every row of theirs goes with them: the schema cascades deletes from learners
        connection.execute(delete(learners).where(learners.c.handle.in_(present)))


def _import_row(table: Table, index: int, row: dict[str, Any], checks: _RecordRules) -> dict[str, Any]:
    """The row's values, typed and checked; references still hold the file's ids."""
    where = f"{table.name}[{index}]"
    extra = sorted(set(row) - set(table.c.keys()))
    if extra:
        raise UserError(f"{where} has columns this database does not know: {', '.join(extra)}")
    if type(row.get("id")) is not int:
        raise UserError(f"{where} has no integer id")
    values = {}
    for column in table.columns:
        if column.name == "id":
            continue
        if column.name not in row:
            raise UserError(f"{where} lacks column {column.name}")
        value = _from_json(column.type, row[column.name], f"{where}.{column.name}")
        if _parent(column) is None:
            rules.check_column_value(column, value, f"{where}.{column.name}")
        values[column.name] = value
    checks.check(table.name, values, where)
    return values


def _with_new_ids(table: Table, index: int, values: dict[str, Any], new_ids: dict[str, dict[int, int]]) -> dict:
    out = dict(values)
    for column in table.columns:
        parent = _parent(column)
        value = out.get(column.name)
        if parent is None or value is None or column.name == "id":
            continue
        if value not in new_ids.get(parent, {}):
            raise UserError(f"{table.name}[{index}].{column.name} refers to {parent} id {value}, which the file lacks")
        out[column.name] = new_ids[parent][value]
    return out


def _from_json(kind: Any, value: Any, where: str) -> Any:
    if value is None or isinstance(kind, sqltypes.JSON):
        return value
    try:
        if isinstance(kind, sqltypes.DateTime):
            return datetime.fromisoformat(value)
        if isinstance(kind, sqltypes.Date):
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise UserError(f"{where}: {value!r} is not a date") from None
    expected: tuple[type, ...] = (str,)
    if isinstance(kind, sqltypes.Integer):
        expected = (int,)
    elif isinstance(kind, sqltypes.Float | sqltypes.Numeric):
        expected = (int, float)
    elif isinstance(kind, sqltypes.Boolean):
        expected = (bool,)
    # bool is an int in Python; `true` in a minutes column is still a malformed file.
    if type(value) not in expected and not (isinstance(value, expected) and not isinstance(value, bool)):
        raise UserError(f"{where}: {_shown(value)} is not {_A_TYPE[expected[0]]}")
    if isinstance(kind, sqltypes.Float):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise UserError(f"{where}: {_shown(value)} is not a finite number")
        return number
    return value


def _shown(value: Any) -> str:
    text_value = repr(value)
    return text_value if len(text_value) <= 40 else text_value[:37] + "..."


_A_TYPE = {str: "text", int: "a number", bool: "true or false"}
