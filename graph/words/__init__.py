"""The one place words and number formats come from, in German and English.

``format`` writes numbers, percentages, dates, lists and counts (Babel, CLDR);
``ui`` holds the interface's words, ``briefing`` the briefing's, ``findings`` the
sentences that explain the analyses' rows.
"""
