"""The stream callback's work, without a device: which cue sounds at which frame, written into each buffer.

Other threads publish a schedule (`Placed`, immutable) by assigning `schedule`; only the callback decides onsets.
It merges each new schedule once: a cue it has already fixed or played (same identity) is never fixed again, and a
cue it fixed that has not begun and is gone from the new schedule (the future moved) never sounds. A cursor walks
the schedule in time order and voices hold the few cues sounding now: a buffer costs the same at 10 cues or 2,400.

Late cues (a stall, a device that was away): only the latest of a callback's late cues plays — at once, whole, with
its fade-in — and only while it still means something (`LATE_MAX_NS`); the others are dropped and counted, never
summed into one burst. When the frame clock sees the timeline jump (the buffer ran dry), cues fixed before the gap
are placed again on the new timeline; one cut in its first moments plays again whole; one heard for longer is cut.

No allocation beyond Python's own numbers, no lock, no I/O: preallocated lists of voices.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from kicktimer.audio.clockmap import FrameClock
from kicktimer.audio.mixer import EMPTY, Placed, add_sound
from kicktimer.audio.synth import Samples

MAX_VOICES = 16
SEEN = 128  # identities of the cues considered lately (cues are ≥ 50 ms apart: seconds of them)
AHEAD_BUFFERS = 2  # a cue's onset is fixed when it is due within this many buffers
LATE_MAX_NS = 1_000_000_000  # a cue later than this means nothing any more: dropped, not played
RESTART_NS = 30_000_000  # a cue a gap cut in its first 30 ms (or its last buffer: a device may drop that one
# while it recovers) is played again, whole, after the gap
LEAD_MARGIN_NS = 2_000_000  # the GUI thread's time between a key and the published schedule
NO_ID = -1  # hash() never returns -1


class CuePlayer:
    def __init__(
        self, sounds: Sequence[Samples], rate: int, fallback_latency_ns: float, offset_ns: int = 0
    ) -> None:  # fmt: skip
        self.sounds = list(sounds)
        self.rate = rate
        self.fallback_latency_ns = fallback_latency_ns
        self.clock = FrameClock(rate, fallback_latency_ns)
        self.schedule: Placed = EMPTY  # replaced whole by other threads, read once per callback
        self.offset_ns = offset_ns  # what the device adds without reporting it (a Bluetooth speaker)
        self.frame = 0  # the next frame to write
        self.frames = 0  # the last buffer's size
        self.started = False
        self.fixed = 0  # counters, read by other threads
        self.late = 0
        self.dropped = 0
        self.cut = 0
        self._merged: Placed | None = None
        self._cursor = 0
        self._done_ns = float("-inf")  # heard time up to which the schedule has been looked at
        self._onset = [0] * MAX_VOICES
        self._sound = [0] * MAX_VOICES
        self._t = [0] * MAX_VOICES
        self._id = [0] * MAX_VOICES
        self._voices = 0
        self._seen = [NO_ID] * SEEN
        self._seen_head = 0
        self._late_t = 0
        self._late_sound = -1
        self._late_id = NO_ID

    # --- other threads -----------------------------------------------------------------------------------------
    def lead_ns(self, now_ns: int) -> int:
        """How long from `now_ns` until a cue published now can be heard: past the buffer the next callback may
        already be writing. A step a key starts begins this much after the key, when its cue is heard."""
        if not self.started:
            return round(self.fallback_latency_ns + self.offset_ns + LEAD_MARGIN_NS)
        earliest = self.clock.heard_ns(self.frame + self.frames) + self.offset_ns + LEAD_MARGIN_NS
        return max(0, round(earliest - now_ns))

    def new_stream(self, fallback_latency_ns: float) -> None:
        """A new stream (reconnected): a new frame clock from frame 0; sounds that were playing are gone. Call
        while no callback runs."""
        self.cut += self._voices
        self._voices = 0
        self.fallback_latency_ns = fallback_latency_ns
        self.clock = FrameClock(self.rate, fallback_latency_ns)
        self.frame = self.frames = 0
        self.started = False

    # --- the callback ------------------------------------------------------------------------------------------
    def fill(self, out: npt.NDArray[np.float32], now_ns: int, report_s: float, underflow: bool) -> None:
        """Write the next `len(out)` frames; `report_s` is the device's word on when the first is heard."""
        start, frames, clock = self.frame, len(out), self.clock
        gaps = clock.discontinuities
        clock.update(now_ns, start, report_s, underflow)
        ns_per_frame = clock.nominal_ns + clock.slope_ns
        base_ns = clock.heard_ns(start) + self.offset_ns  # when frame `start` is heard
        self._late_sound = -1
        if clock.discontinuities != gaps:
            self._after_gap(start, base_ns, ns_per_frame)
        schedule = self.schedule
        if schedule is not self._merged:
            self._merge(schedule, start)
        self._fix(schedule, start, frames, base_ns, ns_per_frame)
        out.fill(0.0)
        k = 0
        while k < self._voices:
            if add_sound(out, start, self._onset[k], self.sounds[self._sound[k]]):
                k += 1
            else:
                self._remove(k)
        np.clip(out, -1.0, 1.0, out=out)
        self.frame, self.frames, self.started = start + frames, frames, True
        self._done_ns = base_ns + AHEAD_BUFFERS * frames * ns_per_frame

    def _merge(self, schedule: Placed, start: int) -> None:
        k = self._voices - 1
        while k >= 0:
            if self._onset[k] >= start and not _holds(schedule, self._t[k], self._id[k]):
                self._forget(self._id[k])  # the future moved: it never sounds (and may come back later)
                self._remove(k)
            k -= 1
        self._cursor = bisect_left(schedule.t_ns, self._done_ns - LATE_MAX_NS)
        self._merged = schedule

    def _fix(self, schedule: Placed, start: int, frames: int, base_ns: float, ns_per_frame: float) -> None:
        times, ids, horizon = schedule.t_ns, schedule.ids, start + AHEAD_BUFFERS * frames
        i = self._cursor
        while i < len(times):
            t = times[i]
            frame = start + round((t - base_ns) / ns_per_frame)
            if frame >= horizon:
                break
            cue = ids[i]
            if cue not in self._seen:
                self._remember(cue)
                if frame >= start:
                    self._add(frame, schedule.sound[i], t, cue)
                else:
                    self._late(t, schedule.sound[i], cue, base_ns - t > LATE_MAX_NS)
            i += 1
        self._cursor = i
        if self._late_sound >= 0:
            self.late += 1
            self._add(start, self._late_sound, self._late_t, self._late_id)

    def _late(self, t: int, sound: int, cue: int, stale: bool) -> None:
        """A cue whose instant has passed: only the latest of this buffer's plays (now), and only if fresh."""
        if stale:
            self.dropped += 1
        elif self._late_sound < 0:
            self._late_t, self._late_sound, self._late_id = t, sound, cue
        else:
            self.dropped += 1
            if t >= self._late_t:
                self._late_t, self._late_sound, self._late_id = t, sound, cue

    def _after_gap(self, start: int, base_ns: float, ns_per_frame: float) -> None:
        """The buffer ran dry: the frames from `start` are heard later than their voices were placed for."""
        restart_frames = max(RESTART_NS / ns_per_frame, self.frames)
        k = self._voices - 1
        while k >= 0:
            onset, sound, t, cue = self._onset[k], self._sound[k], self._t[k], self._id[k]
            if onset + len(self.sounds[sound]) > start:
                self._remove(k)
                if start - onset > restart_frames:
                    self.cut += 1  # heard for a while before the gap: its tail alone would only click
                else:
                    frame = start + round((t - base_ns) / ns_per_frame)
                    if frame >= start:
                        self._add(frame, sound, t, cue)
                    else:
                        self._late(t, sound, cue, base_ns - t > LATE_MAX_NS)
            k -= 1

    def _add(self, onset: int, sound: int, t: int, cue: int) -> None:
        k = self._voices
        if k == MAX_VOICES:
            self.dropped += 1
            return
        self._onset[k], self._sound[k], self._t[k], self._id[k] = onset, sound, t, cue
        self._voices = k + 1
        self.fixed += 1

    def _remove(self, k: int) -> None:
        last = self._voices - 1
        self._onset[k], self._sound[k], self._t[k], self._id[k] = (
            self._onset[last], self._sound[last], self._t[last], self._id[last]
        )  # fmt: skip
        self._voices = last

    def _remember(self, cue: int) -> None:
        self._seen[self._seen_head] = cue
        self._seen_head = (self._seen_head + 1) % SEEN

    def _forget(self, cue: int) -> None:
        for k in range(SEEN):
            if self._seen[k] == cue:
                self._seen[k] = NO_ID


def _holds(schedule: Placed, t: int, cue: int) -> bool:
    i = bisect_left(schedule.t_ns, t)
    while i < len(schedule.t_ns) and schedule.t_ns[i] == t:
        if schedule.ids[i] == cue:
            return True
        i += 1
    return False
