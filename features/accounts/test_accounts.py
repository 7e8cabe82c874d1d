"""Binds every accounts feature; the steps are in this folder's and the parent's conftest.py."""
from pytest_bdd import scenarios

scenarios(".")
