"""The plain rows each page of the viewer needs: actor lists and profiles (``actors``), the
network view (``network``), the gap pages (``gaps``), the map (``map``), the overview
(``region``) and the CLI's analysis tables (``findings``). No HTTP here, no words."""
