//! A progress line on stderr for long scans: shown only when stderr is a terminal and the
//! work is still going after a second, so quick runs and piped output never see it.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts finished items; shared with the workers.
#[derive(Debug, Default)]
pub(crate) struct Counter {
    done: AtomicUsize,
    finished: AtomicBool,
}

impl Counter {
    pub(crate) fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

/// Runs `work` while a helper thread shows `label n/total` once a second has passed.
pub(crate) fn with_progress<T>(
    label: &str,
    total: usize,
    enabled: bool,
    work: impl FnOnce(&Counter) -> T,
) -> T {
    let counter = Counter::default();
    if !enabled || !std::io::stderr().is_terminal() {
        return work(&counter);
    }
    std::thread::scope(|s| {
        let shower = s.spawn(|| {
            let start = Instant::now();
            let mut shown = false;
            while !counter.finished.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(50));
                if start.elapsed() >= Duration::from_secs(1) {
                    let n = counter.done.load(Ordering::Relaxed);
                    let _ = write!(std::io::stderr(), "\r{label} {n}/{total}");
                    shown = true;
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
            if shown {
                let _ = write!(std::io::stderr(), "\r\x1b[2K");
            }
        });
        let out = work(&counter);
        counter.finished.store(true, Ordering::Relaxed);
        let _ = shower.join();
        out
    })
}
