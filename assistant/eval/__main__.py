import sys

from assistant.settings import apply_process_defaults

apply_process_defaults()

from assistant.eval.cli import main  # noqa: E402

sys.exit(main())
