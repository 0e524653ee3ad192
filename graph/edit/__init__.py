"""Editing the data from the browser: accounts, change sets, review, apply, the change log."""
