"""Where the stream's frames are heard, on the monotonic clock — a model that glitching latency reports cannot drag.

Frames written are exact and callback times are exact readings of the monotonic clock; a device's latency report is
not (PulseAudio's is interpolated and clamped at 0: under load it wanders by ±6 ms for seconds and may stick at 0).
A callback is never early, only late: it comes when the device has room for `frames` more, or after that. So the
earliest callbacks trace a line, frame -> time, whose slope is the device's true sample rate; the frames of a
callback on that line are heard a fixed latency after it (`latency_ns`, the one thing only reports can tell):

    heard(frame) = frame * nominal_ns + onset_ns + slope_ns * frame + latency_ns

* slope: least squares through the earliest callback of every 0.25 s over the last 16 s (then again through the
  points on or below that line);
* onset: the lowest of those points (after the slope) over the last 2 s: one late callback moves nothing; when
  the last two quarter seconds both sit 2 ms above it, the line has moved (the device went dry by itself);
* latency: over the first 2 s (and until the slope is fitted), the median of every report against the line; then
  nudged by at most `STEP_NS` per report, only by reports within `GATE_NS` that come in calm times (10 s after a
  disturbance: a report right after one is off for seconds); ten calm seconds of reports that agree with each
  other but not with the model re-lock it (a real change, such as the sound server changing its buffering).
* A buffer that ran dry (an underflow, or a callback later than the whole latency) shifts the timeline: the model
  re-anchors at once on that callback's report, clamped between now and one buffer after (the buffer is empty),
  keeps its slope and latency, and draws the line again from the callbacks within a quarter second. Before it
  has locked, such a callback means the device had not really started: the model starts again.

Measured on PulseAudio (tests/audio/loopback.py): reports off by up to ±9 ms under two busy loops, the model's
mapping within 0.1 ms SD; stuck-at-0, jumping and wandering reports on a software card (tests/audio/fakedevice.py)
move no cue by more than 1 ms.

Pure arithmetic on floats in preallocated lists: the audio callback calls `update` and `heard_ns`.
"""

from __future__ import annotations

BIN_NS = 250_000_000  # the earliest callback of each quarter second is one point of the line
SLOPE_BINS = 64  # 16 s of points for the rate
MIN_SLOPE_BINS = 8  # 2 s before the rate is fitted; until then the nominal rate
ENVELOPE_BINS = 8  # 2 s: the onset is the lowest point of these
STARTUP_NS = 2_000_000_000  # the first reports, taken whole: their median is the latency
STARTUP_MAX = 1024
STEP_NS = 250.0  # what one calm report may move the latency (after the start): 10-50 µs a second
GATE_NS = 1_500_000.0  # a report further than this from the model is an outlier
CALM_NS = 10_000_000_000  # reports count only this long after the last disturbance
RELOCK_BINS = 10  # calm seconds in a row that agree with each other but not with the model
RELOCK_SPREAD_NS = 2_000_000.0  # within a second and across the ten
REPORT_BIN_NS = 1_000_000_000
SHIFT_BINS = 2
SHIFT_NS = 2_000_000.0  # both of the last two bins this much above the line before: it moved
ANCHOR_BINS = 1  # a re-anchoring report holds until the callbacks have drawn the line again
MAX_SLOPE = 2e-3  # a sound card more than 2 ‰ off its nominal rate is a broken report, not a card


class FrameClock:
    """`update()` at the top of every callback, then `heard_ns(frame)` for any frame of the stream."""

    def __init__(self, rate: int, fallback_latency_ns: float) -> None:
        self.nominal_ns = 1e9 / rate
        self.fallback_latency_ns = fallback_latency_ns
        self.latency_ns = fallback_latency_ns
        self.slope_ns = 0.0  # per frame, on top of nominal_ns
        self.onset_ns = 0.0
        self.locked = False
        self.discontinuities = 0
        self.rejected = 0
        self.relocks = 0
        self.shifts = 0
        self._started_ns = -1
        self._last_now_ns = 0
        self._last_frame = 0
        self._last_disturbance_ns = 0
        # the line: earliest callback per bin (frame, now - frame * nominal), a ring
        self._bin_end_ns = 0
        self._bin_frame = 0.0
        self._bin_p = 0.0
        self._bin_open = False
        self._frames = [0.0] * SLOPE_BINS
        self._ps = [0.0] * SLOPE_BINS
        self._count = 0  # closed bins since the last discontinuity
        self._head = 0
        self._closed_onset_ns = float("inf")
        self._anchor_ns = float("inf")  # onset from a re-anchoring report, until the envelope has filled again
        self._anchor_bins = 0
        # startup reports: (latency report + p) per callback, and their frames
        self._startup_r = [0.0] * STARTUP_MAX
        self._startup_f = [0.0] * STARTUP_MAX
        self._startup_n = 0
        # relock: winsorized mean of calm reports per second, the last RELOCK_BINS of them
        self._report_bin_end_ns = 0
        self._report_sum = 0.0
        self._report_low, self._report_high = float("inf"), float("-inf")
        self._report_n = 0
        self._relock = [0.0] * RELOCK_BINS
        self._relock_n = 0

    # --- reading ----------------------------------------------------------------------------------------------
    def heard_ns(self, frame: int) -> float:
        """When `frame` is heard, on the monotonic clock."""
        return frame * (self.nominal_ns + self.slope_ns) + self.onset_ns + self.latency_ns

    # --- the callback -----------------------------------------------------------------------------------------
    def update(self, now_ns: int, frame: int, report_s: float, underflow: bool) -> None:
        """One callback: its time, the first frame it writes, the device's latency report (seconds from now until
        that frame is heard) and whether the device said it ran dry."""
        p = now_ns - frame * self.nominal_ns
        report_ns = report_s * 1e9
        if self._started_ns < 0:
            self._start(now_ns, frame, p)
        elif underflow or p - self._line(frame) > self.latency_ns:
            if self.locked:
                self._reanchor(now_ns, frame, p, report_ns)
            else:  # the device had not really started (it took the first buffers, then nothing): begin again
                self._start(now_ns, frame, p)
        if report_ns <= 0 or underflow or now_ns - self._last_now_ns > self.latency_ns / 2:
            self._last_disturbance_ns = now_ns
        self._last_now_ns, self._last_frame = now_ns, frame
        self._add_point(now_ns, frame, p)
        if not self.locked:
            self._startup(now_ns, frame, p, report_ns)
            return
        lateness = p - self._line(frame)
        if lateness > self.latency_ns / 2:
            self._last_disturbance_ns = now_ns
        self._track(now_ns, report_ns + lateness)

    def _line(self, frame: int) -> float:
        return self.onset_ns + self.slope_ns * frame

    def _start(self, now_ns: int, frame: int, p: float) -> None:
        self._started_ns = self._last_disturbance_ns = now_ns
        self._bin_open = False
        self._count = self._startup_n = 0
        self._closed_onset_ns = self._anchor_ns = float("inf")
        self.onset_ns = p

    def _reanchor(self, now_ns: int, frame: int, p: float, report_ns: float) -> None:
        """The buffer ran dry: the frames written from now on are heard later than the line said. The report is
        the best word on where, clamped: never before now, and never more than one buffer after it — the buffer
        is empty (the first report after a stall may still be the last one from before it)."""
        self.discontinuities += 1
        one_buffer = max(frame - self._last_frame, 0) * self.nominal_ns
        heard = now_ns + min(max(report_ns, 0.0), one_buffer)
        self._anchor_ns = heard - self.latency_ns - frame * self.nominal_ns - self.slope_ns * frame
        self._anchor_bins = 0
        self._count = 0
        self._bin_open = False
        self._closed_onset_ns = float("inf")
        self.onset_ns = min(self._anchor_ns, p - self.slope_ns * frame)
        self._relock_n = 0
        self._last_disturbance_ns = now_ns

    def _add_point(self, now_ns: int, frame: int, p: float) -> None:
        if self._bin_open and now_ns >= self._bin_end_ns:
            self._close_bin()
        if not self._bin_open:
            self._bin_open, self._bin_end_ns = True, now_ns + BIN_NS
            self._bin_frame, self._bin_p = float(frame), p
        elif p < self._bin_p:
            self._bin_frame, self._bin_p = float(frame), p
        current = self._bin_p - self.slope_ns * self._bin_frame
        self.onset_ns = min(self._closed_onset_ns, self._anchor_ns, current)

    def _close_bin(self) -> None:
        i = self._head
        self._frames[i], self._ps[i] = self._bin_frame, self._bin_p
        self._head = (i + 1) % SLOPE_BINS
        self._count += 1
        self._bin_open = False
        self._anchor_bins += 1
        if self._anchor_bins >= ANCHOR_BINS:
            self._anchor_ns = float("inf")
        if self._count >= MIN_SLOPE_BINS:
            self._fit_slope()
        if not self.locked and self._count:
            self._startup_median()
        if self._count > SHIFT_BINS and self._shifted():
            self._count = SHIFT_BINS  # the line moved later (the device went dry by itself): forget the old points
            self.shifts += 1
        lowest = float("inf")
        for k in range(1, min(self._count, ENVELOPE_BINS) + 1):
            j = (self._head - k) % SLOPE_BINS
            lowest = min(lowest, self._ps[j] - self.slope_ns * self._frames[j])
        self._closed_onset_ns = lowest

    def _shifted(self) -> bool:
        lowest_before = float("inf")
        for k in range(SHIFT_BINS + 1, min(self._count, SHIFT_BINS + ENVELOPE_BINS) + 1):
            j = (self._head - k) % SLOPE_BINS
            lowest_before = min(lowest_before, self._ps[j] - self.slope_ns * self._frames[j])
        for k in range(1, SHIFT_BINS + 1):
            j = (self._head - k) % SLOPE_BINS
            if self._ps[j] - self.slope_ns * self._frames[j] - lowest_before <= SHIFT_NS:
                return False
        return True

    def _fit_slope(self) -> None:
        """Least squares through the points, then again through those on or below that line (late bins out)."""
        n = min(self._count, SLOPE_BINS)
        x0 = self._frames[(self._head - n) % SLOPE_BINS]
        slope, intercept = self._least_squares(n, x0, float("inf"), 0.0, 0.0)
        slope, _ = self._least_squares(n, x0, 0.0, slope, intercept)
        limit = MAX_SLOPE * self.nominal_ns
        self.slope_ns = min(max(slope, -limit), limit)

    def _least_squares(self, n: int, x0: float, below: float, slope: float, intercept: float) -> tuple[float, float]:
        """(slope, intercept) through the last `n` points lying at most `below` above `slope`, `intercept`."""
        count = sx = sy = sxx = sxy = 0.0
        for k in range(n):
            j = (self._head - n + k) % SLOPE_BINS
            x, y = self._frames[j] - x0, self._ps[j]
            if y - (intercept + slope * x) <= below:
                count, sx, sy, sxx, sxy = count + 1, sx + x, sy + y, sxx + x * x, sxy + x * y
        denominator = count * sxx - sx * sx
        if count < 3 or denominator <= 0:
            return self.slope_ns, intercept
        slope = (count * sxy - sx * sy) / denominator
        return slope, (sy - slope * sx) / count

    def _startup(self, now_ns: int, frame: int, p: float, report_ns: float) -> None:
        """Until the model locks, every report is kept; at each bin their median (against the line as it now
        is) is the latency, and before the first bin closes, this callback's own report."""
        if report_ns > 0 and self._startup_n < STARTUP_MAX:
            self._startup_r[self._startup_n], self._startup_f[self._startup_n] = report_ns + p, float(frame)
            self._startup_n += 1
        if self._count == 0:
            self.latency_ns = (report_ns if report_ns > 0 else self.fallback_latency_ns) + p - self._line(frame)
        if now_ns - self._started_ns >= STARTUP_NS and self._count > MIN_SLOPE_BINS:  # the line has its slope
            self._startup_median()
            self.locked = True
            self._report_bin_end_ns = now_ns + REPORT_BIN_NS

    def _startup_median(self) -> None:
        n = self._startup_n
        if n:
            values = sorted(self._startup_r[i] - self._line(int(self._startup_f[i])) for i in range(n))
            self.latency_ns = values[n // 2]
        else:
            self.latency_ns = self.fallback_latency_ns

    def _track(self, now_ns: int, estimate_ns: float) -> None:
        """A locked model: a calm report within the gate moves the latency by at most STEP_NS."""
        calm = now_ns - self._last_disturbance_ns >= CALM_NS
        if not calm:
            self._report_n, self._report_sum = 0, 0.0
            self._report_low, self._report_high = float("inf"), float("-inf")
            self._relock_n = 0
            self._report_bin_end_ns = now_ns + REPORT_BIN_NS
            return
        error = estimate_ns - self.latency_ns
        if -GATE_NS <= error <= GATE_NS:
            self.latency_ns += min(max(error, -STEP_NS), STEP_NS)
        else:
            self.rejected += 1
        self._report_sum += error
        self._report_low = min(self._report_low, error)
        self._report_high = max(self._report_high, error)
        self._report_n += 1
        if now_ns >= self._report_bin_end_ns:
            self._close_report_bin(now_ns)

    def _close_report_bin(self, now_ns: int) -> None:
        mean = self._report_sum / self._report_n if self._report_n else 0.0
        steady = self._report_high - self._report_low <= RELOCK_SPREAD_NS  # reports that agree with each other
        self._report_sum, self._report_n = 0.0, 0
        self._report_low, self._report_high = float("inf"), float("-inf")
        self._report_bin_end_ns = now_ns + REPORT_BIN_NS
        if abs(mean) <= GATE_NS or not steady:
            self._relock_n = 0
            return
        self._relock[self._relock_n % RELOCK_BINS] = mean
        self._relock_n += 1
        if self._relock_n < RELOCK_BINS:
            return
        low, high = min(self._relock), max(self._relock)
        if high - low <= RELOCK_SPREAD_NS and (low > 0 or high < 0):
            self.latency_ns += sum(self._relock) / RELOCK_BINS
            self.relocks += 1
            self._relock_n = 0
