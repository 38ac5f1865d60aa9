//! The loading → content | error pattern every route follows, written once.

use crate::api::BundleResource;
use crate::components::error_view::ErrorView;
use crate::i18n::use_ui;
use bantin_model::json::FromJson;
use leptos::prelude::*;
use serde::Serialize;

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
    show: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + FromJson + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=Loading>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => show(value).into_any(),
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
    }
}
