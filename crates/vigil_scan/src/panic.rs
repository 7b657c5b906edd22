//! Catching panics of analyzers without printing them to stderr.
//!
//! A process-wide panic hook is installed once; while a thread runs an analyzer call through
//! [`guarded`], a panic's message and location are recorded for that thread instead of printed, and
//! [`guarded`] returns them as an error. Panics elsewhere go to the previous hook as usual.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL: Once = Once::new();

fn install() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURING.with(Cell::get) {
                let text = info.to_string().replace('\n', " ");
                LAST.with(|l| *l.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_owned()
    }
}

/// Run `f`, turning a panic into `Err(message with location)`.
pub(crate) fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install();
    let was = CAPTURING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURING.with(|c| c.set(was));
    result.map_err(|payload| {
        LAST.with(|l| l.borrow_mut().take())
            .unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catches_and_describes() {
        assert_eq!(guarded(|| 3), Ok(3));
        let e = guarded(|| -> u8 { panic!("boom {}", 7) }).unwrap_err();
        assert!(e.contains("boom 7"), "{e}");
        assert!(e.contains("panic.rs"), "{e}");
    }
}
