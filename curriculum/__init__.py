"""Pure domain logic over the curriculum content: catalog, plan calendar, assessment, coach rules.

Never touches the database or the screen.
"""
