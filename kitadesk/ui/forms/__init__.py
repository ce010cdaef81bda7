"""Detail forms (dialogs) of carers, children and placements, with validation next to the fields."""
