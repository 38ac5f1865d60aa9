//! One static page file (`pages/*.md`): about the agency, contacts.

use super::source::{convert_body, errors_in, read_titled, Titled};
use crate::diagnostic::Diagnostic;
use crate::load::markdown::SiteLink;
use crate::load::media::MediaFolder;
use bantin_model::{Contact, Page, SCHEMA_VERSION};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The front matter of a static page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFrontMatter {
    title: String,
    #[serde(default)]
    lead: String,
    slug: Option<String>,
    /// Position in menus and the site map; lower first.
    #[serde(default)]
    order: i32,
    #[serde(default)]
    contacts: Vec<Contact>,
}

impl Titled for PageFrontMatter {
    fn title(&self) -> &str {
        &self.title
    }

    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
}

pub(super) fn load_page(
    root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    links: &mut Vec<(PathBuf, SiteLink)>,
) -> Option<(i32, Page)> {
    let (source, slug, before) = read_titled::<PageFrontMatter>(path, "title", diagnostics)?;
    let media = MediaFolder { root };
    let blocks = convert_body(path, &source, &media, diagnostics, links);
    let front = source.front;
    (errors_in(diagnostics) == before).then(|| {
        (
            front.order,
            Page {
                schema_version: SCHEMA_VERSION,
                slug,
                title: front.title.trim().to_string(),
                lead: front.lead.trim().to_string(),
                body: blocks,
                contacts: front.contacts,
            },
        )
    })
}
