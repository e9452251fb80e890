"""The cursor that decides which logged events are new despite out-of-order commits and gaps."""

from domain.events.cursor import SeqCursor


class Ticker:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_seq_that_commits_late_is_still_unseen_within_the_grace_period():
    time = Ticker()
    cursor = SeqCursor(0, grace=2.0, now=time)
    cursor.mark([1, 2, 4])
    assert cursor.watermark == 2
    time.now = 1.9
    cursor.mark([])
    assert cursor.unseen([3, 4, 5]) == {3, 5}
    cursor.mark([3])
    assert cursor.watermark == 4


def test_a_gap_is_passed_once_older_than_the_grace_period():
    time = Ticker()
    cursor = SeqCursor(0, grace=2.0, now=time)
    cursor.mark([1, 3])
    time.now = 1.0
    cursor.mark([])
    assert cursor.watermark == 1
    time.now = 2.0
    cursor.mark([])
    assert cursor.watermark == 3
    assert cursor.unseen([2, 3, 4]) == {4}


def test_each_gap_has_its_own_grace_period():
    time = Ticker()
    cursor = SeqCursor(0, grace=2.0, now=time)
    cursor.mark([2])
    time.now = 1.5
    cursor.mark([4])
    time.now = 2.0
    cursor.mark([])
    assert cursor.watermark == 2  # seq 3 was noticed missing at 1.5
    time.now = 3.5
    cursor.mark([])
    assert cursor.watermark == 4


def test_delivered_seqs_are_never_unseen_again():
    cursor = SeqCursor(5, grace=2.0, now=Ticker())
    assert cursor.unseen([4, 5, 6, 7]) == {6, 7}
    cursor.mark([6, 7])
    assert cursor.unseen([6, 7]) == set()
