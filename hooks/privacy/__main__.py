"""`python -m hooks.privacy FILE ...`: report personal data in any file."""
import sys

from hooks.privacy.checker import main

sys.exit(main())
