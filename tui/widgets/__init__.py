"""Widgets the section screens are built from; each draws values the tracker computed and decides nothing."""
