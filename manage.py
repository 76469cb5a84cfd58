#!/usr/bin/env python
"""Django's manage.py, for habit; `hedgerow` is the same command once installed."""

from hedgerow.core.cli import main

if __name__ == "__main__":
    main()
