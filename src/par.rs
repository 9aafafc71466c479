//! The library's one parallel map: worker threads share out a list's items, each taking the
//! next item not yet taken (so one slow item never holds up a fixed share of the others), and
//! the results come back in the items' order. Used for the programmes of a folder
//! ([`crate::load::load_map`]) and for the pieces of a Word file's body.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f(i, item)` for every item, on at most `threads` threads (the calling one among them),
/// results in the order of `items`. What `f` returns is all that leaves the worker.
pub(crate) fn map_ordered<T, R, F>(items: &[T], threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(usize, &T) -> R + Sync,
{
    let threads = threads.clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            out.push((i, f(i, item)));
        }
        out
    };
    let mut results: Vec<(usize, R)> = if threads == 1 {
        work()
    } else {
        std::thread::scope(|s| {
            let others: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
            let mut all = work();
            for w in others {
                all.extend(w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            all
        })
    };
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::map_ordered;

    #[test]
    fn results_keep_the_items_order_on_any_number_of_threads() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [0, 1, 2, 7, 1000] {
            let got = map_ordered(&items, threads, |i, x| {
                // Uneven work, so the threads finish out of order.
                let spin = (x % 7) * 200;
                (0..spin).fold(i as u64, |a, b| a.wrapping_add(b)) - (0..spin).sum::<u64>()
            });
            assert_eq!(got, items, "{threads} threads");
        }
        assert!(map_ordered(&[] as &[u8], 2, |_, x| *x).is_empty());
    }
}
