#!/usr/bin/python3
"""Starts the installed kernel rjk-aipolicy N times (at most 50), runs one cell in each, and counts
the starts that never answered within 20 s: how the start-up fix is measured.

    /usr/bin/python3 policy-notebooks/kernel/measure_starts.py 20              # the kernel as installed
    /usr/bin/python3 policy-notebooks/kernel/measure_starts.py 20 --unpatched  # without the fix

Run after policy-notebooks/install.sh (with the same JUPYTER_DATA_DIR). --unpatched starts the same
kernel with the fix taken off its class path (a temporary kernel.json; nothing installed is changed).
Every kernel it starts is shut down before the next one.
"""
import json
import os
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

NAME = "rjk-aipolicy"


def main(argv):
    if len(argv) < 2 or not argv[1].isdigit() or not 1 <= int(argv[1]) <= 50 or argv[2:] not in ([], ["--unpatched"]):
        print(__doc__, file=sys.stderr)
        return 2
    count, unpatched = int(argv[1]), argv[2:] == ["--unpatched"]
    spec_dir = KernelSpecManager().get_kernel_spec(NAME).resource_dir
    with tempfile.TemporaryDirectory() as temp:
        if unpatched:
            with open(os.path.join(spec_dir, "kernel.json"), encoding="utf-8") as f:
                spec = json.load(f)
            spec["argv"][2] = spec["argv"][2].replace(os.path.join(spec_dir, "fix") + os.pathsep, "")
            os.makedirs(os.path.join(temp, "kernels", NAME))
            with open(os.path.join(temp, "kernels", NAME, "kernel.json"), "w", encoding="utf-8") as f:
                json.dump(spec, f)
            os.environ["JUPYTER_PATH"] = temp   # searched before the data directory
        answered, hung, times = 0, 0, []
        for i in range(count):
            manager = KernelManager(kernel_name=NAME)
            start = time.time()
            manager.start_kernel()
            client = manager.client()
            client.start_channels()
            try:
                client.wait_for_ready(timeout=20)
                reply = client.execute_interactive("1 + 1", timeout=20)
                answered += reply["content"]["status"] == "ok"
                times.append(time.time() - start)
            except Exception as e:  # a hang is what is counted, whatever Jupyter raises for it
                hung += 1
                print("start %d: %s" % (i + 1, e), flush=True)
            finally:
                client.stop_channels()
                manager.shutdown_kernel(now=True)
    load = os.getloadavg()[0]
    median = sorted(times)[len(times) // 2] if times else float("nan")
    print("%s: %d starts, %d answered, %d hung (no answer in 20 s); median start and first cell %.1f s; load %.1f"
          % ("unpatched" if unpatched else "with the fix", count, answered, hung, median, load))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
