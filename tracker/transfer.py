"""The learner's record as one JSON file: export it, import it into another database, never lose it.

The file carries `schema_version` (the Alembic revision it was written at) and every table of the record,
for all learners or one. Row ids in the file are renumbered 1..n per table (references follow), so they
are references inside the file, not database ids: an import gives every row a fresh id, an export of that
import gives the same file back, and a learner can join a database that already holds others.

Tables are read by reflection, not from the models, so the same code reads and writes a database at any
past revision: a file from an older proofwork is loaded into a scratch SQLite database at its revision,
upgraded there by the real migrations, and imported from that.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, delete, insert, select, text
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.sql import sqltypes
from sqlalchemy.sql.elements import ColumnElement

from curriculum.errors import UserError
from tracker import migrate

FORMAT = "proofwork-record"
Payload = dict[str, Any]


def reflect(connection: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(connection)
    if "alembic_version" in metadata.tables:
        metadata.remove(metadata.tables["alembic_version"])
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
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name such as {path / 'record.json'}")
    if not path.parent.is_dir():
        raise UserError(f"cannot write {path}: folder {path.parent} does not exist")
    fd, temp = tempfile.mkstemp(prefix=".proofwork-export-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=2, ensure_ascii=False, sort_keys=False)
            handle.write("\n")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_export(path: Path) -> Payload:
    """Parse and check the envelope of an export file; one clear line for anything wrong with it."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"no file {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read {path}: {error}") from None
    try:
        payload = json.loads(raw)
    except json.JSONDecodeError as error:
        raise UserError(f"{path} is not JSON ({error})") from None
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
    _make_room(connection, metadata.tables["learners"], tables.get("learners", []), replace)
    referenced = {_parent(c) for t in metadata.tables.values() for c in t.columns} - {None}
    new_ids: dict[str, dict[int, int]] = {}
    counts: dict[str, int] = {}
    try:
        for table in metadata.sorted_tables:
            rows = tables.get(table.name, [])
            values = [_import_row(table, n, row, new_ids) for n, row in enumerate(rows)]
            counts[table.name] = len(values)
            if not values:
                new_ids[table.name] = {}
            elif table.name in referenced:
                query = insert(table).returning(table.c.id, sort_by_parameter_order=True)
                created = connection.execute(query, values).scalars().all()
                new_ids[table.name] = {row["id"]: new for row, new in zip(rows, created, strict=True)}
            else:
                connection.execute(insert(table), values)
    except (IntegrityError, DataError) as error:
        detail = str(error.orig).strip().splitlines()[0]
        raise UserError(f"the file breaks a rule of the record ({detail}); nothing was imported") from None
    return counts


def _make_room(connection: Connection, learners: Table, rows: list[dict[str, Any]], replace: bool) -> None:
    handles = [row.get("handle") for row in rows]
    present = sorted(connection.scalars(select(learners.c.handle).where(learners.c.handle.in_(handles))))
    if present and not replace:
        raise UserError(
            f"this database already holds {', '.join(present)}; add --replace to overwrite their record with the file's"
        )
    if present:  # every row of theirs goes with them: the schema cascades deletes from learners
        connection.execute(delete(learners).where(learners.c.handle.in_(present)))


def _import_row(table: Table, index: int, row: dict[str, Any], new_ids: dict[str, dict[int, int]]) -> dict:
    where = f"{table.name}[{index}]"
    extra = sorted(set(row) - set(table.c.keys()))
    if extra:
        raise UserError(f"{where} has columns this database does not know: {', '.join(extra)}")
    if not isinstance(row.get("id"), int):
        raise UserError(f"{where} has no integer id")
    values = {}
    for column in table.columns:
        if column.name == "id":
            continue
        if column.name not in row:
            raise UserError(f"{where} lacks column {column.name}")
        value = _from_json(column.type, row[column.name], f"{where}.{column.name}")
        parent = _parent(column)
        if parent is not None and value is not None:
            if value not in new_ids.get(parent, {}):
                raise UserError(f"{where}.{column.name} refers to {parent} id {value}, which the file lacks")
            value = new_ids[parent][value]
        values[column.name] = value
    return values


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
        raise UserError(f"{where}: {value!r} is not {_A_TYPE[expected[0]]}")
    if isinstance(kind, sqltypes.Float):
        return float(value)
    return value


_A_TYPE = {str: "text", int: "a number", bool: "true or false"}
