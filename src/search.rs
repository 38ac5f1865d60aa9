//! Searching from the browser: the app asks the search worker
//! (`crates/search-worker`, its own small WASM) and draws what it answers.
//! The app carries no index decoding or ranking: the worker fetches the
//! index files and the results' texts, and gives back results ready to
//! draw. The worker starts with the first search (the search page, or the
//! header box entered), or earlier, from the page's loader, when a search
//! page is opened cold.

use crate::error::AppError;
use bantin_model::search::SearchFailure;
pub use bantin_model::search::{SearchOutcome, SearchRequest, SearchResult, PAGE_SIZE};

/// What the reader sees for a failure the worker reports: the same
/// messages as for any other file.
pub fn app_error(failure: SearchFailure) -> AppError {
    match failure {
        SearchFailure::NotFound => AppError::NotFound,
        SearchFailure::Network(why) => AppError::Network(why),
        SearchFailure::TimedOut => AppError::TimedOut,
        SearchFailure::Server(status) => AppError::Server(status),
        SearchFailure::Malformed(why) => AppError::Malformed(why),
        SearchFailure::Newer { found, expected } => AppError::SchemaMismatch { found, expected },
    }
}

/// Starts the worker ahead of a first search (the reader is in the search
/// box), so its WASM and the index's table of contents are on their way:
/// an empty search, whose answer nobody waits for, reads the manifest.
pub fn warm_up() {
    #[cfg(target_arch = "wasm32")]
    worker::prepare();
}

/// Runs a search in the worker. `Ok(None)` when a newer search replaced it
/// (its outcome is never shown); each search replaces the one before.
pub async fn run(request: SearchRequest) -> Result<Option<SearchOutcome>, AppError> {
    #[cfg(target_arch = "wasm32")]
    {
        worker::ask(request).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = request;
        Ok(None)
    }
}

/// Tells the worker the search page is gone: it stops fetching texts.
pub fn stop() {
    #[cfg(target_arch = "wasm32")]
    worker::stop();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    //! The worker and the searches waiting for its answers.

    use super::{app_error, SearchOutcome, SearchRequest};
    use crate::error::AppError;
    use bantin_model::search::{Ask, FromWorker, MessageError, Reply, ToWorker};
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;
    use std::task::{Poll, Waker};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// Where the worker starts when the page's loader does not say
    /// (`trunk serve`: Trunk's own loader, files at the root).
    const DEFAULT_START: &str = "/search-worker-start.js";

    type Answer = Result<Option<SearchOutcome>, AppError>;

    /// One search waiting: its answer once it comes, and who to wake.
    #[derive(Default)]
    struct Waiting {
        answer: Option<Answer>,
        waker: Option<Waker>,
    }

    type Slot = Rc<RefCell<Waiting>>;

    fn settle(slot: &Slot, answer: Answer) {
        let mut waiting = slot.borrow_mut();
        waiting.answer = Some(answer);
        if let Some(waker) = waiting.waker.take() {
            waker.wake();
        }
    }

    /// The running worker and the searches waiting for it.
    pub(super) struct Client {
        worker: web_sys::Worker,
        waiting: HashMap<u64, Slot>,
        next_id: u64,
        // Kept for as long as the worker lives.
        _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    }

    thread_local! {
        static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    }

    /// The worker the page's loader started (a search page opened cold),
    /// or a new one.
    fn start_worker() -> Option<web_sys::Worker> {
        let window = web_sys::window()?;
        let from_loader = js_sys::Reflect::get(&window, &JsValue::from_str("bantinSearchWorker"))
            .ok()
            .and_then(|start| start.dyn_into::<js_sys::Function>().ok())
            .and_then(|start| start.call0(&window).ok())
            .and_then(|worker| worker.dyn_into::<web_sys::Worker>().ok());
        from_loader.or_else(|| {
            let options = web_sys::WorkerOptions::new();
            options.set_type(web_sys::WorkerType::Module);
            web_sys::Worker::new_with_options(DEFAULT_START, &options).ok()
        })
    }

    /// Every search waiting gets `error`, and the worker is let go: the
    /// next search (a retry) starts a new one.
    fn fail_all(error: AppError) {
        let gone = CLIENT.with(|client| client.borrow_mut().take());
        if let Some(gone) = gone {
            gone.worker.terminate();
            for slot in gone.waiting.values() {
                settle(slot, Err(error.clone()));
            }
            // Its listeners may be what is running now: they go after it.
            leptos::task::spawn_local(async move { drop(gone) });
        }
    }

    fn on_message(event: web_sys::MessageEvent) {
        let Some(text) = event.data().as_string() else {
            return;
        };
        match FromWorker::decode(&text) {
            Ok(message) => {
                let slot = CLIENT.with(|client| {
                    client
                        .borrow_mut()
                        .as_mut()
                        .and_then(|client| client.waiting.remove(&message.id))
                });
                if let Some(slot) = slot {
                    let answer = match message.reply {
                        Reply::Found(outcome) => Ok(Some(outcome)),
                        Reply::Failed(failure) => Err(app_error(failure)),
                    };
                    settle(&slot, answer);
                }
            }
            // A worker of another build: the page must be reloaded.
            Err(MessageError::Version(found)) => fail_all(AppError::SchemaMismatch {
                found,
                expected: bantin_model::search::MESSAGE_VERSION,
            }),
            Err(MessageError::Malformed(_)) => {}
        }
    }

    /// Runs `then` with the client, starting the worker first if none
    /// runs; `None` if no worker can be started.
    pub(super) fn with_client<T>(then: impl FnOnce(&mut Client) -> T) -> Option<T> {
        CLIENT.with(|cell| {
            let mut client = cell.borrow_mut();
            if client.is_none() {
                let worker = start_worker()?;
                let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(on_message);
                // The worker's files did not load, or it died: a script error
                // there is an `error` event here.
                let on_error =
                    Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
                        event.prevent_default();
                        fail_all(AppError::SearchUnavailable);
                    });
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                *client = Some(Client {
                    worker,
                    waiting: HashMap::new(),
                    next_id: 1,
                    _on_message: on_message,
                    _on_error: on_error,
                });
            }
            client.as_mut().map(then)
        })
    }

    /// Waits for the answer in `slot`.
    struct Answered(Slot);

    impl std::future::Future for Answered {
        type Output = Answer;

        fn poll(
            self: std::pin::Pin<&mut Self>,
            context: &mut std::task::Context<'_>,
        ) -> Poll<Answer> {
            let mut waiting = self.0.borrow_mut();
            match waiting.answer.take() {
                Some(answer) => Poll::Ready(answer),
                None => {
                    waiting.waker = Some(context.waker().clone());
                    Poll::Pending
                }
            }
        }
    }

    fn now_ms() -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }

    /// The search's answer. Its `elapsed_us` is the whole round trip as the
    /// app sees it (message, worker, message back); its phases are the
    /// worker's.
    pub(super) async fn ask(request: SearchRequest) -> Answer {
        let started = now_ms();
        let slot = Slot::default();
        let sent = with_client(|client| {
            // The searches before it will never be answered: they were replaced.
            for (_, older) in client.waiting.drain() {
                settle(&older, Ok(None));
            }
            let id = client.next_id;
            client.next_id += 1;
            client.waiting.insert(id, slot.clone());
            let message = ToWorker::new(id, Ask::Search(request)).encode();
            client.worker.post_message(&JsValue::from(message)).is_ok()
        });
        if sent != Some(true) {
            fail_all(AppError::SearchUnavailable);
            return Err(AppError::SearchUnavailable);
        }
        let mut answer = Answered(slot).await;
        if let Ok(Some(outcome)) = &mut answer {
            outcome.elapsed_us = ((now_ms() - started) * 1000.0).round().max(0.0) as u64;
        }
        answer
    }

    pub(super) fn prepare() {
        with_client(|client| {
            // A search under way already reads the index.
            if !client.waiting.is_empty() {
                return;
            }
            let message = ToWorker::new(0, Ask::Search(SearchRequest::default())).encode();
            let _ = client.worker.post_message(&JsValue::from(message));
        });
    }

    pub(super) fn stop() {
        CLIENT.with(|client| {
            if let Some(client) = client.borrow_mut().as_mut() {
                for (_, older) in client.waiting.drain() {
                    settle(&older, Ok(None));
                }
                let message = ToWorker::new(0, Ask::Stop).encode();
                let _ = client.worker.post_message(&JsValue::from(message));
            }
        });
    }
}
