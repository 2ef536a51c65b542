"""The Claude review of a graded repository: a senior reviewer's critique, bounded by evidence.

pack (evidence under a token budget) -> prompt (cached rubric, nonce-wrapped data) -> Claude (structured
output) -> verify (citations against the snapshot) -> apply (bounded score moves) -> `ReviewSection`
(grader/review_section.py: the shape the report stores, outside this package so the report never imports it).
`run.review_report` does one repository; `batch.py` many through the Message Batches API.
"""
