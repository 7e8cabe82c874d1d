"""Run reports: gate.json, junit.xml, report.html with plots, and the run listing."""
