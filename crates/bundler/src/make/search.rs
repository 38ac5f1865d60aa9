//! The search files of a site: the manifest, the index chunks, the document
//! table and one result document per article (see `bantin_model::search`).

use crate::files::OutputFile;
use crate::load::content::Content;
use crate::make::bundles::json_file;
use crate::make::MakeError;
use bantin_model::search::{
    IndexBuilder, IndexFiles, IndexPart, IndexStats, SearchDocument, SearchManifest, WordCounts,
};
use bantin_model::{paths, Article, Block, CategoryRef, SCHEMA_VERSION};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

/// Bytes of index per chunk: small enough that a word costs a few
/// kilobytes over the wire, large enough that the manifest listing the
/// chunks stays small at 100,000 articles.
pub const CHUNK_BYTES: usize = 16 * 1024;

/// Text as the index and the app compare it: NFC, whatever the editor's
/// keyboard produced (the app turns queries to NFC too).
fn nfc(text: &str) -> String {
    // Vietnamese typed as precomposed letters (nearly all of it) is made
    // of characters each NFC on its own and never combining: no table to
    // look up for them.
    if text.chars().all(is_plain_nfc) {
        return text.to_string();
    }
    // Most other text already is NFC too: checking is much cheaper than
    // recomposing.
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// Characters below the combining marks (ASCII, Latin-1, Latin
/// Extended-A and -B: ă, â, đ, ê, ô, ơ, ư) and the precomposed letters of
/// Latin Extended Additional (ạ, ả, ấ … ỹ): a text of these alone is NFC
/// (checked for every one of them in the tests).
fn is_plain_nfc(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Articles gathered at once, on every core, before their parts join the
/// index: enough that joining is rare, few enough that the parts stay
/// small next to the index.
const COUNT_BATCH: usize = 8192;

fn body_text(body: &[Block]) -> String {
    body.iter()
        .map(Block::plain_text)
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// One article's result document, counted words and category number.
fn count(
    loaded: &crate::load::content::LoadedArticle,
    categories: &[CategoryRef],
) -> (SearchDocument, WordCounts, u32) {
    let article = &loaded.article;
    let category = categories
        .iter()
        .position(|c| c.slug == article.category.slug)
        .unwrap_or(0) as u32;
    let title = nfc(&article.title);
    let lead = nfc(&article.lead);
    let body = nfc(&body_text(&article.body));
    let counts = WordCounts::of(&title, &lead, &body);
    let text = if lead.is_empty() {
        body
    } else {
        format!("{lead}\n{body}")
    };
    let document = SearchDocument {
        schema_version: SCHEMA_VERSION,
        title,
        href: bantin_model::routes::article(&article.slug),
        date: article.date,
        category: article.category.clone(),
        text,
    };
    (document, counts, category)
}

/// The index of a site and the result document of each article, by
/// article number.
pub fn index(content: &Content) -> (IndexFiles, Vec<SearchDocument>) {
    let site_categories = &content.site.categories;
    let categories: Vec<CategoryRef> = site_categories.iter().map(|c| c.to_ref()).collect();
    let number = |slug: &str| categories.iter().position(|c| c.slug == slug);
    let parents: Vec<Option<u32>> = site_categories
        .iter()
        .map(|c| c.parent.as_deref().and_then(number).map(|i| i as u32))
        .collect();
    let mut builder = IndexBuilder::new(categories.clone());
    let mut documents = Vec::with_capacity(content.articles.len());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Articles come newest first: their position is their number. Each
    // core gathers one run of a batch into a part of the index; the parts
    // join the index in order.
    for batch in content.articles.chunks(COUNT_BATCH) {
        let runs: Vec<&[crate::load::content::LoadedArticle]> =
            batch.chunks(batch.len().div_ceil(cores).max(1)).collect();
        let parts = crate::cores::map_in_order(&runs, |run| {
            let mut part = IndexPart::default();
            let mut counted = Vec::with_capacity(run.len());
            for loaded in run.iter() {
                let (document, counts, category) = count(loaded, &categories);
                part.add_counted(document.date, category, counts);
                counted.push(document);
            }
            (counted, part)
        });
        for (counted, part) in parts {
            builder.merge(part);
            documents.extend(counted);
        }
    }
    let mut files = builder.finish(CHUNK_BYTES);
    if parents.iter().any(Option::is_some) {
        files.manifest.parents = parents;
    }
    (files, documents)
}

/// Every search file of the site.
pub fn files(content: &Content) -> Result<Vec<OutputFile>, MakeError> {
    let (index, documents) = index(content);
    written(index, &documents)
}

/// Every search file of the site, and what a later [`Base::supplement`]
/// is made against (the preview's; a build needs none).
pub fn made(content: &Content) -> Result<(Vec<OutputFile>, Base), MakeError> {
    let (index, documents) = index(content);
    let base = Base {
        manifest: index.manifest.clone(),
        stats: index.stats.clone(),
        articles: (0..)
            .zip(&content.articles)
            .map(|(number, loaded)| {
                (
                    loaded.article.slug.clone(),
                    (number, loaded.article.clone()),
                )
            })
            .collect(),
    };
    Ok((written(index, &documents)?, base))
}

/// The files of an index and its result documents.
fn written(index: IndexFiles, documents: &[SearchDocument]) -> Result<Vec<OutputFile>, MakeError> {
    let build = index.manifest.build.clone();
    let mut files = Vec::with_capacity(documents.len() + index.chunks.len() + 2);
    files.push(json_file(paths::SEARCH, &index.manifest)?);
    for (i, chunk) in index.chunks.into_iter().enumerate() {
        files.push(OutputFile {
            path: paths::search_chunk(&build, i)
                .trim_start_matches('/')
                .to_string(),
            bytes: chunk,
        });
    }
    files.push(OutputFile {
        path: paths::search_docs(&build)
            .trim_start_matches('/')
            .to_string(),
        bytes: index.docs,
    });
    // One per article: written out on every core.
    let numbered: Vec<(u32, &SearchDocument)> = (0..).zip(documents).collect();
    for document in crate::cores::map_in_order(&numbered, |(doc, document)| {
        json_file(&paths::search_document(&build, *doc), document)
    }) {
        files.push(document?);
    }
    Ok(files)
}

/// Articles a supplement holds at most: a save that changed more is
/// followed by the index made again, a few seconds later.
const MOST_ADDED: usize = 512;

/// Whether two articles give the same result document and words: what
/// the index holds of an article (see `count`).
fn searched_alike(a: &Article, b: &Article) -> bool {
    a.slug == b.slug
        && a.title == b.title
        && a.lead == b.lead
        && a.date == b.date
        && a.category == b.category
        && a.body == b.body
}

/// An index the preview serves, as later saves are searched beside it:
/// its manifest, the figures its scores came from, and the article each
/// number stands for.
#[derive(Debug)]
pub struct Base {
    manifest: SearchManifest,
    stats: IndexStats,
    /// By slug: the article's number and the article as indexed (a save
    /// that did not touch it hands on the same one).
    articles: HashMap<String, (u32, Arc<Article>)>,
}

impl Base {
    /// The index's fingerprint: the folder its files are in.
    pub fn build(&self) -> &str {
        &self.manifest.build
    }

    /// The search files that make `content`, saved since this index was
    /// made, searchable beside it: the manifest naming a supplement, and
    /// the supplement (the articles added or whose text changed, and the
    /// index's articles to hide). `None` when the index finds `content`
    /// as it is (nothing to add), and when the save reaches too far to
    /// follow (the categories changed, or hundreds of articles): the index
    /// made again follows it.
    pub fn supplement(&self, content: &Content) -> Result<Option<[OutputFile; 2]>, MakeError> {
        let categories: Vec<CategoryRef> =
            content.site.categories.iter().map(|c| c.to_ref()).collect();
        if categories != self.manifest.categories {
            return Ok(None);
        }
        let mut hidden = Vec::new();
        let mut added = IndexBuilder::new(categories.clone());
        let mut texts = Vec::new();
        let mut kept = 0;
        for loaded in &content.articles {
            let known = self.articles.get(&loaded.article.slug);
            if let Some((number, article)) = known {
                kept += 1;
                // The same shared article, or one linked anew (a new
                // article beside it can relink thousands): searched alike.
                if Arc::ptr_eq(article, &loaded.article) || searched_alike(article, &loaded.article)
                {
                    continue;
                }
                hidden.push(*number);
            }
            if texts.len() == MOST_ADDED {
                return Ok(None);
            }
            let (document, counts, category) = count(loaded, &categories);
            added.add_counted(document.date, category, counts);
            texts.push(document);
        }
        // Deleted articles (or renamed: their new name is added above).
        if kept < self.articles.len() {
            let slugs: HashSet<&str> = content
                .articles
                .iter()
                .map(|loaded| loaded.article.slug.as_str())
                .collect();
            hidden.extend(
                self.articles
                    .iter()
                    .filter(|(slug, _)| !slugs.contains(slug.as_str()))
                    .map(|(_, (number, _))| *number),
            );
        }
        if hidden.is_empty() && texts.is_empty() {
            return Ok(None);
        }
        let bytes = added.supplement(&self.stats, self.manifest.documents, hidden, &texts);
        let mut fingerprint = bantin_model::hash::Fnv::default();
        fingerprint.write(&bytes);
        let mut manifest = self.manifest.clone();
        manifest.supplement = Some(fingerprint.hex());
        let path = paths::search_supplement(&manifest.build, &fingerprint.hex());
        Ok(Some([
            json_file(paths::SEARCH, &manifest)?,
            OutputFile {
                path: path.trim_start_matches('/').to_string(),
                bytes,
            },
        ]))
    }
}

/// The folder a build's search files live in, relative to the site root
/// (`data/search/<build>/`), named by the index's fingerprint.
pub fn build_folder(build: &str) -> String {
    let docs = paths::search_docs(build);
    match docs.trim_start_matches('/').rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/"),
        None => String::new(),
    }
}

/// The fingerprint of the index among a build's search files.
pub fn index_of(files: &[OutputFile]) -> Option<String> {
    let manifest = files
        .iter()
        .find(|f| f.path == paths::SEARCH.trim_start_matches('/'))?;
    fingerprint_in(&manifest.bytes)
}

/// The fingerprint of the index a built site holds, from its manifest.
pub fn built_index(site: &std::path::Path) -> Option<String> {
    fingerprint_in(&std::fs::read(site.join(paths::SEARCH.trim_start_matches('/'))).ok()?)
}

/// The `build` a search manifest names.
fn fingerprint_in(manifest: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(manifest).ok()?;
    bantin_model::json::from_str::<bantin_model::search::SearchManifest>(text)
        .ok()
        .map(|m| m.build)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};

    #[test]
    fn characters_taken_without_a_check_are_nfc_and_never_combine() {
        let plain: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_plain_nfc(*c))
            .collect();
        assert!(plain.contains(&'đ') && plain.contains(&'ỹ') && !plain.contains(&'\u{301}'));
        for c in plain {
            // "Yes", not "Maybe": nothing composes with the letter before.
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn text_comes_out_nfc_whichever_way_it_was_typed() {
        let composed = "Đường làng ở Hòa Lâm";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(decomposed, composed);
        assert_eq!(nfc(&decomposed), composed);
        assert_eq!(nfc(composed), composed);
        // Outside the plain ranges, the general check still applies.
        assert_eq!(nfc("Ω\u{301} 한국"), "Ώ 한국");
    }
}
