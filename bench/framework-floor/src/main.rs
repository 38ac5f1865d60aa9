//! The least app of Bản tin's shape: see Cargo.toml.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path,
};

#[derive(serde::Deserialize, serde::Serialize, Clone)]
struct Item {
    title: String,
}

#[component]
fn Home() -> impl IntoView {
    let items = LocalResource::new(|| async {
        let response = gloo_net::http::Request::get("/data/home.json")
            .send()
            .await
            .ok()?;
        let text = response.text().await.ok()?;
        serde_json::from_str::<Vec<Item>>(&text).ok()
    });
    view! {
        <Title text="Home" />
        <h1>"Home"</h1>
        <Suspense fallback=|| "…">
            <ul>{move || items.get().flatten().map(|items| items.into_iter().map(|i| view! { <li>{i.title}</li> }).collect_view())}</ul>
        </Suspense>
        <A href="/b">"b"</A>
    }
}

#[component]
fn Other() -> impl IntoView {
    let count = RwSignal::new(0);
    view! { <Title text="B" /><button on:click=move |_| count.update(|c| *c += 1)>{count}</button> }
}

#[component]
fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/") view=Home />
                <Route path=path!("/b") view=Other />
            </Routes>
        </Router>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
