//! Work spread over the machine's cores: results kept in order, or (for
//! files) as many at once as the disk keeps up with.

use std::io;

/// `work` applied to every item on every core; the results come back in
/// the items' order, as if done on this thread. Each thread takes one
/// contiguous run of items, so what one thread does stays together (the
/// prerenderer keeps a page's tasks on the thread rendering it). A panic
/// in `work` goes on up, as it would on one thread.
pub fn map_in_order<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = items.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(per_thread)
            .map(|run| scope.spawn(move || run.iter().map(work).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// `first` on a thread of its own while `second` runs on this one: two
/// pieces of work that need each other's results neither. A panic in
/// either goes on up.
pub fn both<A: Send, B>(first: impl FnOnce() -> A + Send, second: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let first = scope.spawn(first);
        let second = second();
        let first = first
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, second)
    })
}

/// Runs `work` on every item, on every core (a big site is hundreds of
/// thousands of small files: the disk keeps up with several at once).
pub fn on_every_core<T: Sync>(
    items: &[T],
    work: impl Fn(&T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get() * 2);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| loop {
                    let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    match items.get(at) {
                        Some(item) => work(item)?,
                        None => return Ok(()),
                    }
                })
            })
            .collect();
        workers.into_iter().try_for_each(|worker| {
            worker
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("writing files failed")))
        })
    })
}

/// Frees `value` on a thread of its own. Why: the end of a big build used
/// to be the freeing of millions of small allocations (parsed articles,
/// the names of every file of the site: 0.4 s at 100,000 articles) while
/// the editor waited for the prompt. If the process ends first, the
/// system takes the memory back at once.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    // Without a thread the value is freed here, as it would have been.
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_the_thread() {
        let items: Vec<u32> = (0..1001).collect();
        let doubled = map_in_order(&items, |n| n * 2);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(map_in_order(&[] as &[u32], |n| *n).is_empty());
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller() {
        let items: Vec<u32> = (0..10).collect();
        let caught = std::panic::catch_unwind(|| map_in_order(&items, |n| assert!(*n != 7)));
        assert!(caught.is_err());
    }
}
