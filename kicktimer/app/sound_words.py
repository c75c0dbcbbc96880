"""The one place the audio's state and reason become what the coach reads: a short headline the live screen
shows large ("NO SOUND — no speaker found", "SOUND LOST — reconnecting", "MUTED"), and the audio's own reason
for the message line, without the state it starts with (the headline says that already). The audio layer keeps
its words (`reason`, `detail`); this only picks from them."""

from __future__ import annotations

from kicktimer.audio.device import LOST, NO_DEVICE, NO_LIBRARY

SOUND_HEADLINES = {"playing": "sound on", "no sound": "NO SOUND", "lost": "SOUND LOST", "stopped": "SOUND STOPPED"}
SOUND_CAUSES = {NO_DEVICE: "no speaker found", NO_LIBRARY: "sound library missing", LOST: "reconnecting"}
STATE_PREFIXES = ("no sound: ", "sound stopped: ", "sound lost: ")  # the reason's start the headline already says


def sound_words(state: str, reason: str | None, muted: bool = False) -> tuple[str, str]:
    """(headline, why) of the audio's state and reason; `muted`: by the coach's M ("" why while it plays)."""
    if muted:
        return "MUTED", "Muted: M turns the cues back on"
    if state == "playing":
        return SOUND_HEADLINES["playing"], ""
    head, cause = SOUND_HEADLINES.get(state, state.upper()), SOUND_CAUSES.get(reason or "")
    why = reason or "the timer runs without sound"
    for prefix in STATE_PREFIXES:
        why = why.removeprefix(prefix)
    return (f"{head} — {cause}" if cause else head), why[:1].upper() + why[1:]
