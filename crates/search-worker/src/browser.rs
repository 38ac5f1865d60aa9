//! The worker in the browser: files come from `fetch`, messages from the
//! app through the start script, which calls [`receive`] with each.

use crate::engine::{Caching, Engine, Files};
use bantin_model::search::{Ask, FromWorker, Reply, SearchFailure, SearchRequest, ToWorker};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, DedicatedWorkerGlobalScope, RequestCache, RequestInit, Response};

/// How long a request may take, body included: the same as the app's, so a
/// stalled search file gets the same message as a stalled article.
const TIMEOUT_MS: i32 = 10_000;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// `fetch` in the worker, with a time limit; the engine stops the
/// downloads a newer search does not need.
struct WebFiles {
    /// Requests under way, and their paths (a dozen at most: a list).
    under_way: Rc<RefCell<Vec<(String, AbortController)>>>,
}

fn network(error: JsValue) -> SearchFailure {
    SearchFailure::Network(
        error
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| "fetch failed".to_string(), |e| String::from(e.message())),
    )
}

/// The worker's files sit in a folder at the site's root (the bundler's
/// `app_files`), or at the root itself under `trunk serve`, where `..`
/// stays at the root: a site address taken from `..` is right under any
/// base path the site is served at.
fn from_site_root(path: &str) -> String {
    if path.starts_with('/') {
        format!("..{path}")
    } else {
        path.to_string()
    }
}

async fn fetch(
    path: &str,
    caching: Caching,
    controller: AbortController,
) -> Result<(u16, Vec<u8>), SearchFailure> {
    let init = RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    if caching == Caching::Skip {
        init.set_cache(RequestCache::NoStore);
    }
    let response: Response =
        JsFuture::from(scope().fetch_with_str_and_init(&from_site_root(path), &init))
            .await
            .map_err(network)?
            .unchecked_into();
    let status = response.status();
    let body = JsFuture::from(response.array_buffer().map_err(network)?)
        .await
        .map_err(network)?;
    Ok((status, js_sys::Uint8Array::new(&body).to_vec()))
}

impl Files for WebFiles {
    fn get(
        &self,
        path: String,
        caching: Caching,
    ) -> impl std::future::Future<Output = Result<(u16, Vec<u8>), SearchFailure>> + 'static {
        let under_way = self.under_way.clone();
        async move {
            let controller = AbortController::new()
                .map_err(|_| SearchFailure::Network("cannot abort requests".into()))?;
            under_way
                .borrow_mut()
                .push((path.clone(), controller.clone()));
            let timed_out = Rc::new(std::cell::Cell::new(false));
            let on_timeout = {
                let timed_out = timed_out.clone();
                let controller = controller.clone();
                Closure::<dyn FnMut()>::new(move || {
                    timed_out.set(true);
                    controller.abort();
                })
            };
            let timer = scope()
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    on_timeout.as_ref().unchecked_ref(),
                    TIMEOUT_MS,
                )
                .ok();
            let answer = fetch(&path, caching, controller.clone()).await;
            if let Some(timer) = timer {
                scope().clear_timeout_with_handle(timer);
            }
            drop(on_timeout);
            under_way
                .borrow_mut()
                .retain(|(_, kept)| kept != &controller);
            if timed_out.get() {
                return Err(SearchFailure::TimedOut);
            }
            answer
        }
    }

    fn abort(&self, path: &str) {
        for (_, controller) in self
            .under_way
            .borrow()
            .iter()
            .filter(|(asked, _)| asked == path)
        {
            controller.abort();
        }
    }

    fn now_ms(&self) -> f64 {
        scope().performance().map_or(0.0, |p| p.now())
    }

    fn normalise(&self, text: &str) -> String {
        js_sys::JsString::from(text).normalize("NFC").into()
    }
}

thread_local! {
    static ENGINE: Rc<Engine<WebFiles>> = Engine::new(WebFiles {
        under_way: Rc::new(RefCell::new(Vec::new())),
    });
}

fn answer(id: u64, reply: Reply) {
    let _ = scope().post_message(&JsValue::from(FromWorker::new(id, reply).encode()));
}

/// Takes one message from the app (JSON text, see
/// `bantin_model::search::ToWorker`). A message of another build is
/// answered with a newer-format failure, so the app asks for a reload.
#[wasm_bindgen]
pub fn receive(text: String) {
    let message = match ToWorker::decode(&text) {
        Ok(message) => message,
        Err(bantin_model::search::MessageError::Version(found)) => {
            answer(
                0,
                Reply::Failed(SearchFailure::Newer {
                    found,
                    expected: bantin_model::search::MESSAGE_VERSION,
                }),
            );
            return;
        }
        // Not ours: nothing to answer.
        Err(_) => return,
    };
    ENGINE.with(|engine| {
        let request = match message.ask {
            Ask::Stop => {
                engine.stop();
                engine.stop_texts();
                return;
            }
            Ask::Search(request) => request,
            Ask::Address(query) => SearchRequest::from_query_string(&query),
        };
        // The search before it fetches no more texts, nor chunks of
        // letters typed on.
        if !engine.is_latest(&request) {
            engine.stop_texts();
            engine.stop_chunks_unneeded_by(&request);
        }
        let search = engine.search(request);
        let id = message.id;
        wasm_bindgen_futures::spawn_local(async move {
            match search.await {
                Ok(Some(outcome)) => answer(id, Reply::Found(outcome)),
                Err(failure) => answer(id, Reply::Failed(failure)),
                // Replaced: the app is waiting for a newer answer.
                Ok(None) => {}
            }
        });
    });
}
