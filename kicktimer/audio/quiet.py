"""The sound libraries' own messages kept off the coach's console (what happened is said in `reason`, in plain words).

ALSA prints "ALSA lib pcm.c:…:(snd_pcm_recover) underrun occurred" from the audio thread; PortAudio's ALSA host prints
"Expression '…' failed in 'src/hostapi/alsa/pa_linux_alsa.c'" straight to file descriptor 2 when a device dies;
JACK prints "Cannot connect to server socket" while PortAudio looks for devices. ALSA takes an error handler (one
per process). For the rest, `quiet_console()` turns file descriptor 2 into a pipe read by a thread that passes every
other line on to the real stderr, and keeps the libraries' lines for diagnostics; Python's own `sys.stderr` writes
straight to the real one, so a traceback never waits on that thread. Both are process-wide by nature (one handler,
one file descriptor 2): each is made once, and kept for as long as the process lives.
"""

from __future__ import annotations

import atexit
import collections
import ctypes
import ctypes.util
import functools
import os
import re
import sys
import threading

NOISE = re.compile(
    rb"^(ALSA lib |Expression '.*' failed in '|PaAlsa|Cannot connect to server|jack server is not running|"
    rb"JackShmReadWritePtr|Jack: |connect\(2\) call to .* failed)"
)


@functools.cache
def alsa_quiet() -> object:
    """Route ALSA's error messages to nowhere; the handler object must outlive every ALSA call (the cache keeps it)."""
    name = ctypes.util.find_library("asound")
    if name is None:
        return None
    handler_type = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)
    handler = handler_type(lambda *_: None)
    try:
        ctypes.CDLL(name).snd_lib_error_set_handler(handler)
    except (OSError, AttributeError):
        return None
    return handler


class StderrFilter:
    """File descriptor 2 through a filter: the libraries' lines are kept (the last 50) and counted, never shown."""

    def __init__(self) -> None:
        self.kept: collections.deque[str] = collections.deque(maxlen=50)
        self.count = 0
        self._real = os.dup(2)
        read_fd, write_fd = os.pipe()
        os.dup2(write_fd, 2)
        os.close(write_fd)
        sys.stderr.flush()
        sys.stderr = os.fdopen(os.dup(self._real), "w", buffering=1, errors="backslashreplace")
        self._thread = threading.Thread(target=self._pass_on, args=(read_fd,), name="kicktimer-stderr", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    def _pass_on(self, read_fd: int) -> None:
        with os.fdopen(read_fd, "rb") as pipe:
            for line in pipe:
                if NOISE.match(line):
                    self.count += 1
                    self.kept.append(line.decode(errors="replace").rstrip())
                else:
                    os.write(self._real, line)

    def close(self) -> None:
        """File descriptor 2 back to the real stderr; what is still in the pipe is passed on first."""
        os.dup2(self._real, 2)  # closes the pipe's last writer: the thread drains it and ends
        self._thread.join(timeout=2)


@functools.cache
def quiet_console() -> StderrFilter | None:
    """Install the filter once (for the app's own process; tests never call this). None where it cannot be."""
    alsa_quiet()
    try:
        return StderrFilter()
    except OSError:
        return None
