from kicktimer.core.run.clock import NS_PER_S
from kicktimer.core.run.events import Event
from kicktimer.core.run.resume import resumption


def test_gap_counts_as_a_pause_from_the_last_event() -> None:
    events = [Event(5 * NS_PER_S, "start"), Event(65 * NS_PER_S, "tap")]
    # started at wall 1000.0; the last event was 60 s later (wall 1060); resumed at wall 1100, mono 7 s
    result = resumption(events, 1000.0, 1100.0, 7 * NS_PER_S)
    assert result.gap_s == 40
    assert [(e.type, e.t_ns) for e in result.events] == [("pause", 65 * NS_PER_S), ("resume", 105 * NS_PER_S)]
    assert 7 * NS_PER_S + result.offset_ns == 105 * NS_PER_S  # new clock continues the recording's timeline
    assert result.events[0].reason is not None and "interrupted" in result.events[0].reason


def test_already_paused_only_resumes_and_a_wall_clock_going_back_means_no_gap() -> None:
    events = [Event(0, "start"), Event(10 * NS_PER_S, "pause")]
    result = resumption(events, 1000.0, 900.0, 0)
    assert [e.type for e in result.events] == ["resume"] and result.gap_s == 0
