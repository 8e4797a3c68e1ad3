"""Entry script of the frozen bundle: the same ``quill`` command as the pip-installed one."""

import sys

from quill.cli import main

if __name__ == "__main__":
    sys.exit(main())
