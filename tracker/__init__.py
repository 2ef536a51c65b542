"""The learner's record: SQLAlchemy models, migrations, services and exports. Never draws a screen."""
