"""Checks: rule kinds (Python), rules (YAML data in ``rules/``), the engine that runs them."""
