"""The facts' own walk visits what `ast.walk` visits, in its order: first bindings and the call cap depend on it."""

from __future__ import annotations

import ast
import textwrap

from grader.facts.python import _walk, python_facts

SOURCE = textwrap.dedent(
    """
    import anthropic as a
    from langsmith import Client

    client = a.Anthropic(timeout=30)

    class Judge(Client):
        def run(self, rows: list[dict] = []):
            with open("x") as fh, Client() as c:
                for row in rows:
                    if row["score"] < 0.8:
                        raise SystemExit(1)
            return [client.messages.create(model="m", **{"k": v}) async for v in c.stream()]

    client = other()  # a later binding: the first one wins
    """
)


def test_walk_is_ast_walk_in_the_same_order_without_context_and_operator_leaves():
    tree = ast.parse(SOURCE)
    leaves = (ast.expr_context, ast.operator, ast.unaryop, ast.boolop, ast.cmpop)
    assert [id(n) for n in _walk(tree)] == [id(n) for n in ast.walk(tree) if not isinstance(n, leaves)]


def test_first_binding_wins_through_the_walk():
    calls = {name for name, *_ in python_facts(SOURCE)["calls"]}
    assert "anthropic.Anthropic().messages.create" in calls
    assert "other().messages.create" not in calls
