"""``python -m fuzz``: the campaign (see ``fuzz.campaign``)."""

import sys

from fuzz.campaign import main

sys.exit(main(sys.argv[1:]))
