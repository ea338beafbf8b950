"""A fuzzing campaign over the installed ``untk``: real and hostile inputs, each run in a
process of its own under a memory and a time limit (``./dev.py fuzz``).

- ``seeds``: the valid inputs mutations start from (samples, the shared corpus, a small
  Word document and PDF made here);
- ``mutate``: changes to text, to the XML parts of a .docx and to the bytes and streams of
  a PDF;
- ``hostile``: inputs made to hurt (deep nesting, huge numbers, control characters, huge
  lines);
- ``runner``: runs one command line in a limited child process;
- ``campaign``: draws runs, judges each outcome, keeps the inputs that crash.
"""
