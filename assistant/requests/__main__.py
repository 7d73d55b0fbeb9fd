import sys

from assistant.requests.cli import main

sys.exit(main())
