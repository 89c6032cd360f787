"""Helping contributors: the submission form, the Decap CMS configuration, `praktijkbank nieuw` and the
checker's rules handed to the form's script."""
