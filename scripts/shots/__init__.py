"""Screen shot modules for scripts/screenshots.py: each defines `shots(env)`, a generator of
(file name, widget). Keep one module per area so that the areas do not collide."""
