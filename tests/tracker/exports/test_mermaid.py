"""The architecture diagram: one node per decision, rejected options on dotted edges, safe labels."""

from __future__ import annotations

from tracker.exports.mermaid import DiagramStep, label, mermaid_flowchart


def test_a_chain_from_the_users_through_each_decision():
    diagram = mermaid_flowchart(
        "support agents",
        [
            DiagramStep("Data and retrieval", "hybrid search", "vector only"),
            DiagramStep("Evaluation", "golden set"),
        ],
    )
    assert diagram.splitlines() == [
        "flowchart LR",
        '    users(["support agents"])',
        '    d1["Data and retrieval: hybrid search"]',
        "    users --> d1",
        '    r1["vector only"]',
        "    d1 -. rejected .-> r1",
        "    class r1 rejected",
        '    d2["Evaluation: golden set"]',
        "    d1 --> d2",
        "    classDef rejected stroke-dasharray: 4 4",
    ]


def test_labels_cannot_close_the_node_or_the_fence():
    assert label('say "hi" <b> #1 `x`') == "say #quot;hi#quot; #lt;b#gt; #35;1 #96;x#96;"
    assert label("a\nb") == "a b"
    assert label("x" * 100).endswith("…") and len(label("x" * 100)) == 60
