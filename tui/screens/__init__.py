"""One module per section of the app (today, roadmap, assessment, work, grade, export, drill) plus dialogs."""
