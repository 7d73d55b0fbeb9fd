import sys

from assistant.staff.cli import main

sys.exit(main())
