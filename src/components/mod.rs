//! Pieces of the page shared by several routes.

pub mod article_body;
pub mod article_card;
pub mod error_view;
pub mod figure;
pub mod loaded;
pub mod page_head;
pub mod pager;
pub mod site_footer;
pub mod site_header;
