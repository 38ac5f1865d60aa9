//! The site bundle (name, menus, footer) is loaded once and shared by every
//! part of the page through context.

use crate::api;
use bantin_model::Site;
use leptos::prelude::*;

/// The loading-or-loaded site bundle, shared app-wide.
pub type SiteResource = api::BundleResource<Site>;

/// Starts loading the site bundle and makes it available to the views below.
pub fn provide_site() -> SiteResource {
    let site: SiteResource = api::bundle_resource(|| (), |()| api::fetch_site());
    provide_context(site);
    site
}

/// The shared site bundle. Falls back to a fresh load when none was provided
/// (a component rendered on its own, as in component tests).
pub fn use_site() -> SiteResource {
    use_context::<SiteResource>().unwrap_or_else(provide_site)
}
