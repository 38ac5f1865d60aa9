//! Any address the portal does not have.

use crate::components::error_view::ErrorView;
use crate::components::page_head::{PageHead, PageInfo};
use crate::error::AppError;
use crate::i18n::use_ui;
use leptos::prelude::*;

/// The not-found route ("Không tìm thấy trang").
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHead info=PageInfo {
            title: use_ui().not_found_title.to_string(),
            ..PageInfo::default()
        } />
        <ErrorView error=AppError::NotFound for_address=true />
    }
}
