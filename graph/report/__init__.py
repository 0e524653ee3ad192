"""The printable briefing: sections and findings (``briefing``), matplotlib figures
(``figures``), wording (``text``) and the Jinja template (``templates/``)."""
