"""Binds every fault feature; the steps are in this folder's conftest.py."""
from pytest_bdd import scenarios

scenarios(".")
