"""Run every benchmark in this folder, one after another (`make bench`)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["matching.py", "suggestions.py", "load.py", "reminders.py", "coordinator.py"]

if __name__ == "__main__":
    status = 0
    for script in SCRIPTS:
        path = HERE / script
        if not path.exists():
            continue
        print(f"\n=== {script} ===", flush=True)
        status |= subprocess.call([sys.executable, str(path)])
    sys.exit(status)
