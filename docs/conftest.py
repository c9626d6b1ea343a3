"""pytest over docs/: the Markdown pages are doctests; the tutorials are not test modules.

The tutorials under ``tutorials/`` are scripts executed when the site builds and by
``tests/test_docs_site.py``; collecting them with ``--doctest-modules`` would import (run) them
at collection. ``_ext/`` holds the site's griffe extension, which needs the ``docs`` extra.
"""

collect_ignore_glob = ["tutorials/*.py", "_ext/*.py"]
