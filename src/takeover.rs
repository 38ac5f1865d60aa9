//! Taking over a prerendered page in turns.
//!
//! Hydrating a whole page is one long task on a slow phone: the reader's
//! tap, scroll or key waits until every part of the page is attached. The
//! app hydrates asynchronously instead (`hydrate_from_async` in `main.rs`),
//! and each part wrapped in [`InTurn`] starts in a task of its own, so the
//! browser can draw and answer the reader between the parts.
//!
//! When every part is attached the app says so with the `bantin-hydrated`
//! event on `window`: the loader waits for it before it replays a press the
//! reader made before the app ran.

use leptos::tachys::{
    html::attribute::{any_attribute::AnyAttribute, Attribute},
    hydration::Cursor,
    ssr::StreamBuilder,
    view::{add_attr::AddAnyAttr, Position, PositionState, Render, RenderHtml},
};

/// The event the app fires on `window` once the whole page is attached.
pub const HYDRATED_EVENT: &str = "bantin-hydrated";

/// A view hydrated in a task after the ones before it. Rendered, built and
/// updated exactly as the view it holds.
pub struct InTurn<V>(pub V);

impl<V: Render> Render for InTurn<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state);
    }
}

impl<V: AddAnyAttr> AddAnyAttr for InTurn<V> {
    type Output<SomeNewAttr: Attribute> = InTurn<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        InTurn(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for InTurn<V> {
    type AsyncOutput = InTurn<V::AsyncOutput>;
    type Owned = InTurn<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        InTurn(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        );
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    async fn hydrate_async(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        next_task().await;
        self.0.hydrate_async(cursor, position).await
    }

    fn into_owned(self) -> Self::Owned {
        InTurn(self.0.into_owned())
    }
}

/// Resolves in a new task: the browser runs what waits (drawing, the
/// reader's input) first.
#[cfg(target_arch = "wasm32")]
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let set = web_sys::window().map(|window| {
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
        });
        if !matches!(set, Some(Ok(_))) {
            // No timers (never in a page): go on at once.
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Native rendering never hydrates.
#[cfg(not(target_arch = "wasm32"))]
pub async fn next_task() {}

/// Work waiting for the takeover to end.
type Waiting = Vec<Box<dyn FnOnce()>>;

thread_local! {
    /// What waits for the takeover to end; `None` when none is under way
    /// (drawing in the browser, a component test).
    static WAITING: std::cell::RefCell<Option<Waiting>> =
        const { std::cell::RefCell::new(None) };
}

/// Starts a takeover: [`after_takeover`] waits until [`say_hydrated`].
pub fn begin() {
    WAITING.with_borrow_mut(|waiting| *waiting = Some(Vec::new()));
}

/// Runs `then` once the whole page is attached (at once if it is). An
/// effect that changes what the page shows waits for this: while a part
/// waits for its turn, effects of the parts before it already run, and a
/// change then would make the part differ from the HTML it attaches to.
pub fn after_takeover(then: impl FnOnce() + 'static) {
    let then: Box<dyn FnOnce()> = Box::new(then);
    let now = WAITING.with_borrow_mut(|waiting| match waiting {
        Some(waiting) => {
            waiting.push(then);
            None
        }
        None => Some(then),
    });
    if let Some(then) = now {
        then();
    }
}

/// Ends the takeover: runs what waited for it, and tells the loader.
pub fn say_hydrated() {
    let waiting = WAITING.with_borrow_mut(Option::take).unwrap_or_default();
    for then in waiting {
        then();
    }
    #[cfg(target_arch = "wasm32")]
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(HYDRATED_EVENT)) {
        let _ = window.dispatch_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    #[test]
    fn what_waits_for_the_takeover_runs_once_it_ends_and_later_work_at_once() {
        let ran = Rc::new(RefCell::new(Vec::new()));
        let note = |what: &'static str| {
            let ran = Rc::clone(&ran);
            move || ran.borrow_mut().push(what)
        };
        // No takeover under way (a page drawn in the browser, a test).
        after_takeover(note("at once"));
        assert_eq!(*ran.borrow(), ["at once"]);
        begin();
        after_takeover(note("live"));
        after_takeover(note("sidebar"));
        assert_eq!(
            *ran.borrow(),
            ["at once"],
            "nothing before the page is attached"
        );
        say_hydrated();
        assert_eq!(*ran.borrow(), ["at once", "live", "sidebar"]);
        after_takeover(note("later"));
        assert_eq!(*ran.borrow(), ["at once", "live", "sidebar", "later"]);
    }
}
