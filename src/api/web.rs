//! The browser's side of [`crate::api`]: bundles over the network, with
//! a memory of those already fetched and prefetches a view can wait for.

use super::{decode_bundle, Decoder, TIMEOUT_MS};
use crate::error::AppError;
use bantin_model::json;
use std::future::Future;

/// Sends a GET for `url` and reads the answer's body as text, giving up
/// after [`TIMEOUT_MS`]; the request is aborted if the part of the page
/// that asked for it goes away first. One function for every kind of
/// bundle, boxed, so its code is in the WASM once, not once per type.
#[inline(never)]
fn request_text(
    url: String,
) -> futures_util::future::LocalBoxFuture<'static, Result<(u16, String), AppError>> {
    use send_wrapper::SendWrapper;
    use std::{cell::Cell, rc::Rc};
    use wasm_bindgen::{closure::Closure, JsCast};

    Box::pin(async move {
        let network = |e: gloo_net::Error| AppError::Network(e.to_string());
        let controller = web_sys::AbortController::new()
            .map_err(|_| AppError::Network("this browser cannot abort requests".to_string()))?;
        let signal = controller.signal();
        let on_page_gone = SendWrapper::new(controller.clone());
        leptos::prelude::on_cleanup(move || on_page_gone.abort());
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let timed_out = timed_out.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let window = web_sys::window();
        let timer = window.as_ref().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    on_timeout.as_ref().unchecked_ref(),
                    TIMEOUT_MS,
                )
                .ok()
        });
        let answer = async {
            let response = gloo_net::http::Request::get(&crate::base::at(&url))
                .abort_signal(Some(&signal))
                .send()
                .await
                .map_err(network)?;
            let status = response.status();
            Ok((status, response.text().await.map_err(network)?))
        }
        .await;
        if let (Some(window), Some(timer)) = (window, timer) {
            window.clear_timeout_with_handle(timer);
        }
        drop(on_timeout);
        if timed_out.get() {
            return Err(AppError::TimedOut);
        }
        answer
    })
}

/// Fetches one answer and decodes it with `decode`. Only the decoding is
/// per type; finding the text (memory, a prefetch, the network) is one
/// function for all.
pub fn fetch_decoded<T: 'static>(
    url: String,
    decode: Decoder<T>,
) -> impl Future<Output = Result<T, AppError>> + Send {
    send_wrapper::SendWrapper::new(async move {
        let (status, body, remembered) = bundle_text(url.clone()).await?;
        let decoded = decode(status, &body);
        match (&decoded, remembered) {
            (Ok(_), false) => MEMORY.with(|cache| cache.borrow_mut().put(&url, &body)),
            // A prefetched body that is not what this view expects: drop
            // it and ask the network, so a retry can recover.
            (Err(_), true) => {
                MEMORY.with(|cache| cache.borrow_mut().remove(&url));
                let (status, body) = request_text(url.clone()).await?;
                let decoded = decode(status, &body);
                if decoded.is_ok() {
                    MEMORY.with(|cache| cache.borrow_mut().put(&url, &body));
                }
                return decoded;
            }
            _ => {}
        }
        decoded
    })
}

/// The text of `url`, and whether it came from memory: a prefetch of the
/// same bundle under way is waited for (the reader pointed at the link,
/// then clicked), then memory is asked, then the network.
#[inline(never)]
fn bundle_text(
    url: String,
) -> futures_util::future::LocalBoxFuture<'static, Result<(u16, String, bool), AppError>> {
    Box::pin(async move {
        if let Some(Err(failed)) = (PrefetchLanded {
            url: &url,
            slot: None,
        })
        .await
        {
            return Err(failed);
        }
        if let Some(text) = MEMORY.with(|cache| cache.borrow_mut().get(&url).map(str::to_string)) {
            return Ok((200, text, true));
        }
        let (status, body) = request_text(url).await?;
        Ok((status, body, false))
    })
}

/// Asks the network for `url`, keeps the body in memory if `decode` takes
/// it, and gives what `decode` made of it.
async fn fetch_into_memory<T>(url: &str, decode: Decoder<T>) -> Result<T, AppError> {
    let (status, body) = request_text(url.to_string()).await?;
    let decoded = decode(status, &body);
    if decoded.is_ok() {
        MEMORY.with(|cache| cache.borrow_mut().put(url, &body));
    }
    decoded
}

/// Where a view waiting for a prefetch finds that prefetch's outcome.
type OutcomeSlot = std::rc::Rc<std::cell::RefCell<Option<Result<(), AppError>>>>;

thread_local! {
    /// Prefetches under way, by address, with the views waiting for each
    /// (the body itself goes to memory).
    static PREFETCHING: std::cell::RefCell<
        std::collections::HashMap<String, Vec<(std::task::Waker, OutcomeSlot)>>,
    > = std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Resolves at once with `None` when no prefetch of `url` is under way,
/// else with that prefetch's outcome once it has landed.
struct PrefetchLanded<'a> {
    url: &'a str,
    slot: Option<OutcomeSlot>,
}

impl Future for PrefetchLanded<'_> {
    type Output = Option<Result<(), AppError>>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let this = self.get_mut();
        if let Some(outcome) = this.slot.as_ref().and_then(|slot| slot.borrow_mut().take()) {
            return std::task::Poll::Ready(Some(outcome));
        }
        PREFETCHING.with(|all| match all.borrow_mut().get_mut(this.url) {
            None => std::task::Poll::Ready(None),
            Some(waiting) => {
                let slot = this.slot.get_or_insert_with(OutcomeSlot::default).clone();
                waiting.push((context.waker().clone(), slot));
                std::task::Poll::Pending
            }
        })
    }
}

thread_local! {
    /// Bundles already fetched in this visit (the browser runs the app on
    /// one thread).
    static MEMORY: std::cell::RefCell<crate::bundle_cache::BundleCache> =
        std::cell::RefCell::new(crate::bundle_cache::BundleCache::new(
            crate::bundle_cache::DEFAULT_BUDGET_BYTES,
        ));
}

/// Fetches a bundle into memory ahead of need (the reader is pointing at
/// a link to it), through the same path as any fetch. A view that asks
/// for it meanwhile waits for this answer and shows its failure, if any;
/// once landed, a failure is forgotten, so a retry asks again.
pub fn prefetch(url: String) {
    if MEMORY.with(|cache| cache.borrow_mut().get(&url).is_some()) {
        return;
    }
    let started = PREFETCHING.with(|all| match all.borrow_mut().entry(url.clone()) {
        std::collections::hash_map::Entry::Occupied(_) => false,
        std::collections::hash_map::Entry::Vacant(entry) => {
            entry.insert(Vec::new());
            true
        }
    });
    if !started {
        return;
    }
    leptos::task::spawn_local(async move {
        let outcome = fetch_into_memory(&url, decode_bundle::<json::Json>)
            .await
            .map(|_| ());
        let waiting = PREFETCHING.with(|all| all.borrow_mut().remove(&url));
        for (waker, slot) in waiting.unwrap_or_default() {
            *slot.borrow_mut() = Some(outcome.clone());
            waker.wake();
        }
    });
}
