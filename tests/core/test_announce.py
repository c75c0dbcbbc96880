from kicktimer.core.language.announce import announcement, spoken_seconds
from kicktimer.core.language.plan import Settings
from kicktimer.core.run.engine import SessionEngine
from tests.core.helpers import ANA, expand
from tests.support.clock import FakeClock


def test_announcement_text() -> None:
    plan = expand("8x400m @3k r1:00", (ANA,))
    text = announcement(plan, plan.steps[3])
    assert text.startswith("Rep 2 of 8. 400 metres at 3k pace. Target ")
    joined = expand("3x(200m @800 + 100m bound + 200m kick) R5:00", (ANA,))
    assert announcement(joined, joined.steps[1]) == (
        "Rep 1 of 3. 200 metres at 800 pace, then 100 metres bound, then 200 metres kick. Target 32 seconds."
    )
    hills = expand("10s hill sprint")
    assert announcement(hills, hills.steps[1]) == "10 seconds hill sprint."
    assert (
        spoken_seconds(68) == "68 seconds"
        and spoken_seconds(130) == "2 minutes 10"
        and spoken_seconds(60.2) == ("60 seconds")
    )


def test_announce_cues_only_with_voice_on_and_room_to_speak() -> None:
    text = "2x200m r1:00\n2x100m r10s"
    quiet = expand(text)
    engine = SessionEngine(quiet, FakeClock())
    engine.start()
    assert [c.kind for c in engine.cues()] == []
    plan = expand(text, settings=Settings(voice=True))
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    assert [(c.kind, c.step_index, c.t_ns - clock.t_ns) for c in engine.cues()] == [("announce", 1, 600_000_000)]
    engine.tap()
    clock.advance(30)
    engine.tap()  # into the 1:00 recovery: the next 200 is announced 0.6 s in
    kinds = [(c.kind, c.step_index, c.t_ns - clock.t_ns) for c in engine.cues()]
    assert kinds[:2] == [("recovery", 2, 0), ("announce", 3, 600_000_000)]
    clock.advance(61)
    engine.tap()
    engine.tap()  # the second block: its r10s is too short to speak in
    assert "announce" not in [c.kind for c in engine.cues() if c.step_index > 6]
