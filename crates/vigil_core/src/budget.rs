//! The per-file time budget: the scan driver starts it before an analyzer checks a file
//! ([`start`]); long-running analyses poll [`expired`] (the dataflow solver does, every few block
//! visits) and give up when it has passed. The driver then reports the file as abandoned, naming its
//! rules. The budget is per thread: work an analyzer hands to other threads is not bounded by it.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static EXPIRED: Cell<bool> = const { Cell::new(false) };
}

/// Clears the budget of this thread when dropped.
#[derive(Debug)]
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(None));
    }
}

/// Start a budget of `budget` for the work this thread does until the guard is dropped (`None`: no
/// budget).
#[must_use]
pub fn start(budget: Option<Duration>) -> Guard {
    let deadline = budget.and_then(|b| Instant::now().checked_add(b));
    DEADLINE.with(|d| d.set(deadline));
    EXPIRED.with(|e| e.set(false));
    Guard(())
}

/// Whether this thread's budget has passed (and remember that it did, for [`was_expired`]).
#[must_use]
pub fn expired() -> bool {
    let gone = DEADLINE.with(|d| d.get().is_some_and(|t| Instant::now() >= t));
    if gone {
        EXPIRED.with(|e| e.set(true));
    }
    gone
}

/// Whether an analysis saw the budget expire since the last [`start`] on this thread.
#[must_use]
pub fn was_expired() -> bool {
    EXPIRED.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_expire_and_are_cleared() {
        assert!(!expired());
        {
            let _g = start(Some(Duration::ZERO));
            assert!(expired());
            assert!(was_expired());
        }
        assert!(!expired());
        let _g = start(Some(Duration::from_secs(3600)));
        assert!(!expired());
        assert!(!was_expired());
        let _g = start(None);
        assert!(!expired());
    }
}
