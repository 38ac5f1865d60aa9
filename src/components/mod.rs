//! Pieces of the page shared by several routes.

pub mod article_body;
pub mod attachment;
pub mod error_view;
pub mod figure;
pub mod language_switch;
pub mod loaded;
pub mod page_head;
pub mod page_title;
pub mod pager;
pub mod read_aloud;
pub mod share_bar;
pub mod sidebar;
pub mod site_footer;
pub mod site_header;
pub mod text_size;
pub mod video_player;
pub mod visitor_counter;
