"""Small reusable widgets (form fields with their validation message)."""
