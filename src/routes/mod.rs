//! One module per page of the portal.

pub mod article;
pub mod category;
pub mod home;
pub mod not_found;
pub mod page;
pub mod search;
pub mod site_map;
