"""Scoring a learner's work: portfolio repositories (probes, metrics, history, review) and drill answers.

Never touches the database: callers in tracker save what it returns.
"""
