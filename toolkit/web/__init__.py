"""The browser workbench (``untk serve``): the library's comparison, checks and registry in a page.

Needs the optional extra ``untk[web]`` (Starlette, uvicorn, python-multipart); nothing
here is imported by the command line until ``untk serve`` runs.
"""
