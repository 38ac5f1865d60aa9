//! The search files the worker reads and the messages between app and
//! worker, read from JSON ([`FromJson`]) as their types declare them.

use super::*;
use crate::json::{Fields, FromJson, Json, JsonError};

impl FromJson for SearchManifest {
    fn from_json(value: Json) -> Result<SearchManifest, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(SearchManifest {
            schema_version: f.take("schema_version")?,
            build: f.take("build")?,
            documents: f.take("documents")?,
            chunks: f.take("chunks")?,
            categories: f.take("categories")?,
            parents: f.or_default("parents")?,
            supplement: f.or_default("supplement")?,
        })
    }
}

impl FromJson for SearchDocument {
    fn from_json(value: Json) -> Result<SearchDocument, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(SearchDocument {
            schema_version: f.take("schema_version")?,
            title: f.take("title")?,
            href: f.take("href")?,
            date: f.take("date")?,
            category: f.take("category")?,
            text: f.take("text")?,
        })
    }
}

impl FromJson for SearchRequest {
    fn from_json(value: Json) -> Result<SearchRequest, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(SearchRequest {
            text: f.take("text")?,
            category: f.take("category")?,
            from: f.take("from")?,
            to: f.take("to")?,
            page: f.take("page")?,
        })
    }
}

impl FromJson for Segment {
    fn from_json(value: Json) -> Result<Segment, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(Segment {
            text: f.take("text")?,
            hit: f.take("hit")?,
        })
    }
}

impl FromJson for SearchResult {
    fn from_json(value: Json) -> Result<SearchResult, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(SearchResult {
            title: f.take("title")?,
            excerpt: f.take("excerpt")?,
            href: f.take("href")?,
            date: f.take("date")?,
            category: f.take("category")?,
        })
    }
}

impl FromJson for SearchOutcome {
    fn from_json(value: Json) -> Result<SearchOutcome, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(SearchOutcome {
            total: f.take("total")?,
            results: f.take("results")?,
            left_out: f.take("left_out")?,
            total_pages: f.take("total_pages")?,
            categories: f.take("categories")?,
            elapsed_us: f.take("elapsed_us")?,
            phases_us: f.take("phases_us")?,
        })
    }
}

impl FromJson for ToWorker {
    fn from_json(value: Json) -> Result<ToWorker, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(ToWorker {
            v: f.take("v")?,
            id: f.take("id")?,
            ask: f.take("ask")?,
        })
    }
}

impl FromJson for Ask {
    fn from_json(value: Json) -> Result<Ask, JsonError> {
        Ok(match value.variant()? {
            (name, Some(inner)) if name == "search" => Ask::Search(FromJson::from_json(inner)?),
            (name, Some(inner)) if name == "address" => Ask::Address(FromJson::from_json(inner)?),
            (name, None) if name == "stop" => Ask::Stop,
            (name, _) => return Err(unknown(&name)),
        })
    }
}

impl FromJson for FromWorker {
    fn from_json(value: Json) -> Result<FromWorker, JsonError> {
        let mut f = Fields::of(value)?;
        Ok(FromWorker {
            v: f.take("v")?,
            id: f.take("id")?,
            reply: f.take("reply")?,
        })
    }
}

impl FromJson for Reply {
    fn from_json(value: Json) -> Result<Reply, JsonError> {
        Ok(match value.variant()? {
            (name, Some(inner)) if name == "found" => Reply::Found(FromJson::from_json(inner)?),
            (name, Some(inner)) if name == "failed" => Reply::Failed(FromJson::from_json(inner)?),
            (name, _) => return Err(unknown(&name)),
        })
    }
}

impl FromJson for SearchFailure {
    fn from_json(value: Json) -> Result<SearchFailure, JsonError> {
        Ok(match value.variant()? {
            (name, None) if name == "not-found" => SearchFailure::NotFound,
            (name, None) if name == "timed-out" => SearchFailure::TimedOut,
            (name, Some(inner)) if name == "network" => {
                SearchFailure::Network(FromJson::from_json(inner)?)
            }
            (name, Some(inner)) if name == "server" => {
                SearchFailure::Server(FromJson::from_json(inner)?)
            }
            (name, Some(inner)) if name == "malformed" => {
                SearchFailure::Malformed(FromJson::from_json(inner)?)
            }
            (name, Some(inner)) if name == "newer" => {
                let mut f = Fields::of(inner)?;
                SearchFailure::Newer {
                    found: f.take("found")?,
                    expected: f.take("expected")?,
                }
            }
            (name, _) => return Err(unknown(&name)),
        })
    }
}

fn unknown(name: &str) -> JsonError {
    JsonError::new(format!("unknown variant `{name}`"))
}
