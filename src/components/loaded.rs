//! The loading → content | error pattern every route follows, written once.

use crate::api::{bundle_of, AnyBundleResource, Bundle, BundleResource, OneBundle};
use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_ui;
use crate::takeover::InTurn;
use leptos::prelude::*;
use std::sync::Arc;

/// A polite "loading" line for screen readers and sighted readers alike.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{use_ui().loading}</p> }
}

/// Shows `resource` with `show` once loaded, a loading line before, and the
/// error view with a retry if it failed. Reloads keep the old content on
/// screen until the new one is ready. Routes draw their content through
/// here, so a bundle not found is the page the address names.
pub fn loaded<T, V>(
    resource: BundleResource<T>,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: OneBundle,
    V: IntoView + 'static,
{
    let show = move |loaded: Result<Bundle, AppError>| match bundle_of(loaded) {
        Ok(value) => Ok(show(value).into_any()),
        Err(error) => Err(error),
    };
    loaded_any(resource.any, Arc::new(show))
}

/// What a view makes of a loaded bundle: itself, or the error to show.
type Show = Arc<dyn Fn(Result<Bundle, AppError>) -> Result<AnyView, AppError> + Send + Sync>;

/// [`loaded`] for any bundle: written once for every route. Attached in a
/// turn of its own (`takeover.rs`): the route's bundle is read from the
/// page in the turn before.
fn loaded_any(resource: AnyBundleResource, show: Show) -> AnyView {
    let view = view! {
        <Transition fallback=Loading>
            {move || {
                let show = Arc::clone(&show);
                Suspend::new(async move {
                    match show(resource.await) {
                        Ok(view) => view,
                        Err(error) => {
                            view! {
                                <ErrorView
                                    error
                                    on_retry=Callback::new(move |()| resource.refetch())
                                    for_address=true
                                />
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Transition>
    };
    InTurn(view).into_any()
}
