"""Program metrics: what alternative-response programs publish, computed from the station's
calls, status timelines and reports (definitions: docs/metrics.md).

``scope`` turns a period, units and call types into checked SQL filters; ``engine`` computes
the figures; ``export`` writes the flat records they come from; ``render`` prints them as a
table or CSV; ``pdf`` (the only module here that imports reportlab, an optional extra) draws
the program report.
"""
