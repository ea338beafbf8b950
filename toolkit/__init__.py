"""untk: compare versions of UN resolutions and check their references and citations."""

__version__ = "0.1.0"
