"""Many rows in one statement: the driver's executemany, without SQLAlchemy's work per row.

`conn.execute(statement, rows)` builds and type-converts each row's parameters in Python
(about 10 µs a row, most of what a first run of 10 000 claims spends inserting its 70 000
rows). Here the statement is compiled once for the backend, each parameter's converter is
looked up once (the same `bind_processor` SQLAlchemy itself applies, so the stored values are
the same), the rows are converted a column at a time and handed to the driver's executemany
in the parameter style it expects; on PostgreSQL, new rows go in with COPY (`insert_rows`).
"""

from __future__ import annotations

from operator import itemgetter

from sqlalchemy import Connection, insert


def insert_rows(conn: Connection, table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys: the columns) into `table`. On PostgreSQL the rows
    go in with COPY, in the run's transaction: psycopg's executemany sends each row as a
    statement of its own (about 15 µs a row in Python, most of a first run's recording there)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copied(conn, table, rows)
    else:
        execute_many(conn, insert(table), rows, list(rows[0]))


def execute_many(conn: Connection, statement, rows: list[dict], keys: list[str] | None = None) -> None:
    """Run `statement`, whose bound parameters are the keys of each row, once for every row."""
    if not rows:
        return
    compiled = statement.compile(dialect=conn.dialect, column_keys=keys)
    names = list(compiled.positiontup) if compiled.positional else list(compiled.binds)
    columns = _columns(conn, [compiled.binds[name] for name in names], rows)
    if compiled.positional:
        params = list(zip(*columns))
    else:
        params = [dict(zip(names, values)) for values in zip(*columns)]
    conn.exec_driver_sql(str(compiled), params)


def _columns(conn: Connection, binds: list, rows: list[dict]) -> list[list]:
    """The values of each bound parameter (`bind.key` in each row), converted as SQLAlchemy would
    for the backend (the rows turned into columns by C code: itemgetter, zip)."""
    dialect = conn.dialect
    if len(binds) == 1:
        columns = [[row[binds[0].key] for row in rows]]
    else:
        columns = [list(column) for column in zip(*map(itemgetter(*(bind.key for bind in binds)), rows))]
    for n, bind in enumerate(binds):
        convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if convert:  # a column holds few distinct dates and times: each converted once
            memo = {None: None}
            columns[n] = [memo[v] if v in memo else memo.setdefault(v, convert(v)) for v in columns[n]]
    return columns


def _copied(conn: Connection, table, rows: list[dict]) -> None:
    """`rows` into `table` with PostgreSQL's COPY, on the connection's own transaction."""
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=keys)
    binds = list(compiled.binds.values())
    quote = conn.dialect.identifier_preparer
    names = ", ".join(quote.quote(table.c[bind.key].name) for bind in binds)
    with conn.connection.driver_connection.cursor() as cursor, \
            cursor.copy(f"COPY {quote.format_table(table)} ({names}) FROM STDIN") as copy:
        for values in zip(*_columns(conn, binds, rows)):
            copy.write_row(values)


def fetch_among(conn: Connection, statement, lists: dict[str, list]) -> list[tuple]:
    """The rows of `statement`, whose `among(column, name)` lists are given by name in `lists`.

    SQLAlchemy renders an expanding IN list again at every execution, value by value, and
    converts every row it returns; a run asks for tens of thousands of keys in a few dozen
    statements. Here the statement is compiled once per connection, each list becomes that
    many placeholders of the driver's style (on PostgreSQL one array parameter, `= ANY(...)`:
    psycopg parses a statement's text for its placeholders, a thousand of them slowly), and
    only the columns whose type needs it (a time stored as text by SQLite) are converted, by
    SQLAlchemy's own result processors, once for each distinct value."""
    if not all(lists.values()):  # an empty IN list: SQLAlchemy knows how each backend spells it
        return [tuple(row) for row in conn.execute(statement, lists)]
    rows = _executed(conn, statement, lists).fetchall()
    results = _compiled(conn, statement)[2]
    if not any(results):
        return rows
    converted = [(n, convert, {None: None}) for n, convert in enumerate(results) if convert]  # a memo each:
    out = []  # the same time comes back many times
    for row in rows:
        row = list(row)
        for n, convert, memo in converted:
            value = row[n]
            row[n] = memo[value] if value in memo else memo.setdefault(value, convert(value))
        out.append(tuple(row))
    return out


def run_among(conn: Connection, statement, lists: dict[str, list]) -> None:
    """Run `statement` (an UPDATE or DELETE) with its `among` lists given as in `fetch_among`."""
    if not all(lists.values()):
        conn.execute(statement, lists)
    else:
        _executed(conn, statement, lists)


def _compiled(conn: Connection, statement) -> tuple:
    """The statement compiled for the connection's backend (once), each bound parameter's
    converter, and the converter of each column it returns."""
    dialect = conn.dialect
    cache = conn.info.setdefault("expensecli.compiled", {})
    entry = cache.get(id(statement))
    if entry is None:
        compiled = statement.compile(dialect=dialect)
        binds = {name: bind.type.dialect_impl(dialect).bind_processor(dialect)
                 for name, bind in compiled.binds.items()}
        results = [column.type.dialect_impl(dialect).result_processor(dialect, None)
                   for column in getattr(statement, "selected_columns", ())]
        entry = cache[id(statement)] = (compiled, binds, results, statement)  # the statement kept: its id stays its own
    return entry


def _executed(conn: Connection, statement, lists: dict[str, list]):
    compiled, binds, _, _ = _compiled(conn, statement)
    text = compiled.string
    values = {}
    for name, bind in compiled.binds.items():  # the lists given, and any value bound in the statement itself
        listed = lists[name] if name in lists else [bind.effective_value]
        values[name] = [convert(v) for v in listed] if (convert := binds[name]) else listed
    if compiled.positional:
        mark = {"qmark": "?", "format": "%s"}[conn.dialect.paramstyle]
        params: list | dict = []
        for name in compiled.positiontup:
            params.extend(values[name])
        for name in lists:
            text = text.replace(f"__[POSTCOMPILE_{name}]", ", ".join([mark] * len(values[name])))
        params = tuple(params)
    else:
        style = {"pyformat": "%({})s", "named": ":{}"}[conn.dialect.paramstyle]
        params = {}
        for name, listed in values.items():
            if name not in lists:
                if style.format(name) in text:  # not SQLAlchemy's second, anonymous name for the same value
                    params[name] = listed[0]
                continue
            if conn.dialect.name == "postgresql":  # the list as one array parameter
                placeholder = f"IN (__[POSTCOMPILE_{name}])"
                arrayed = text.replace(f"NOT {placeholder}", f"<> ALL({style.format(name)})").replace(
                    placeholder, f"= ANY({style.format(name)})")
                if "__[POSTCOMPILE_" + name not in arrayed:
                    params[name], text = listed, arrayed
                    continue
            keys = [f"{name}_{i}" for i in range(len(listed))]
            params.update(zip(keys, listed))
            text = text.replace(f"__[POSTCOMPILE_{name}]", ", ".join(style.format(key) for key in keys))
    return conn.exec_driver_sql(text, params)
