"""The edge's certificates: a local CA and the server certificate it signs (authority), their
files in the run directory and an atomic rotation Envoy's SDS watcher sees (files), and how
every client of the harness trusts that CA, never by turning checks off (trust).
"""
