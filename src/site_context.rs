//! The site bundle (name, menus, footer) is loaded once and shared by every
//! part of the page through context.

use crate::api;
use bantin_model::Site;
use leptos::prelude::*;

/// The loading-or-loaded site bundle, shared app-wide.
pub type SiteResource = api::BundleResource<Site>;

/// Starts loading the site bundle and makes it available to the views below.
pub fn provide_site() -> SiteResource {
    let site: SiteResource = api::bundle_resource(api::BundleKey::default, |_| api::fetch_site());
    provide_context(site);
    site
}

/// The shared site bundle, which `App` provides ([`provide_site`]). It is
/// expected, not made here when missing: a second resource would fetch
/// the bundle again and hydrate against data the page does not carry.
pub fn use_site() -> SiteResource {
    expect_context::<SiteResource>()
}
