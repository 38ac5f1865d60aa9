//! The preview's HTTP side: each address answered as the deployed site
//! would (the same files, the 404 page for unknown addresses, the same
//! Content-Security-Policy), pages rendered when first asked for, and
//! `live.js` named in every page.

use super::http::{self, Body, Reply, Request, Response};
use super::live;
use super::snapshot::Snapshot;
use super::State;
use crate::make::images;
use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

/// Answers requests until the process ends.
pub(crate) fn serve(listener: TcpListener, state: Arc<State>) {
    http::serve(
        listener,
        Arc::new(move |request: &Request| answer(&state, request)),
    );
}

/// What an address is answered with.
struct Answer {
    status: u16,
    kind: &'static str,
    body: Body,
}

impl Answer {
    fn new(status: u16, kind: &'static str, body: Vec<u8>) -> Answer {
        Answer {
            status,
            kind,
            body: Arc::new(body),
        }
    }
}

fn answer(state: &Arc<State>, request: &Request) -> Reply {
    let path = request.target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let snapshot = state.snapshot();
    let base = snapshot
        .as_ref()
        .map(|s| s.loaded.site.base_path.clone())
        .unwrap_or_default();
    let Some(site_path) = bantin::base::within_base(&base, &path) else {
        if path == "/" {
            // The preview opened at the host's root: the site is under its path.
            return Reply::Answer(Response {
                status: 302,
                headers: vec![("Location", format!("{base}/"))],
                body: Arc::new(Vec::new()),
            });
        }
        let outside = Answer::new(
            404,
            "text/plain; charset=utf-8",
            b"outside the site".to_vec(),
        );
        return respond(outside, None);
    };
    if site_path == live::EVENTS {
        let state = state.clone();
        return Reply::HandOver(Box::new(move |stream| {
            let first = state.state_message();
            state.clients.add(Box::new(stream), &first);
        }));
    }
    let answer = if site_path == live::SCRIPT {
        Answer::new(
            200,
            "text/javascript; charset=utf-8",
            live::SCRIPT_TEXT.as_bytes().to_vec(),
        )
    } else {
        match &snapshot {
            Some(snapshot) => site_file(state, snapshot, &site_path),
            None => problems_page(state),
        }
    };
    let policy = snapshot.as_ref().map(|s| s.policy.clone());
    respond(answer, policy.as_deref())
}

fn respond(answer: Answer, policy: Option<&str>) -> Reply {
    let mut headers = vec![
        ("Content-Type", answer.kind.to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
    ];
    if let Some(policy) = policy {
        headers.push(("Content-Security-Policy", policy.to_string()));
    }
    Reply::Answer(Response {
        status: answer.status,
        headers,
        body: answer.body,
    })
}

/// The answer for `path` (from the site's root) in `snapshot`.
fn site_file(state: &State, snapshot: &Snapshot, path: &str) -> Answer {
    let file = path.trim_start_matches('/');
    if let Some(bytes) = snapshot.file(file) {
        return Answer {
            status: 200,
            kind: kind_of(file),
            body: bytes,
        };
    }
    if let Some(bytes) = state.scripts.lock().ok().and_then(|s| s.get(file).cloned()) {
        return Answer {
            status: 200,
            kind: kind_of(file),
            body: bytes,
        };
    }
    if let Some(answer) = picture_copy(state, snapshot, path) {
        return answer;
    }
    if let Some(media) = file.strip_prefix("media/") {
        if let Some(bytes) = media_file(&snapshot.loaded.root, media) {
            return Answer::new(200, kind_of(file), bytes);
        }
    }
    let route = match path.trim_end_matches('/') {
        "" => "/",
        route => route,
    };
    if snapshot.has_route(route) {
        return page(state, snapshot, route, true, 200);
    }
    page(state, snapshot, "/404", false, 404)
}

/// A page of `snapshot`, with the preview's script.
fn page(state: &State, snapshot: &Snapshot, route: &str, hydrate: bool, status: u16) -> Answer {
    let rendered = snapshot.page(route, hydrate, &mut |scripts| {
        if let Ok(mut kept) = state.scripts.lock() {
            for script in scripts {
                kept.insert(script.path, Arc::new(script.bytes));
            }
        }
    });
    match rendered {
        Ok(rendered) => {
            let html = String::from_utf8_lossy(&rendered.html);
            let html = previewed(
                &html,
                &snapshot.loaded.site.base_path,
                &state.stamp(),
                &rendered.reads,
            );
            Answer::new(status, "text/html; charset=utf-8", html.into_bytes())
        }
        Err(why) => Answer::new(
            500,
            "text/plain; charset=utf-8",
            format!("{route}: {why}").into_bytes(),
        ),
    }
}

/// A page as the preview serves it: without the service worker (it
/// would keep pages the editor is changing), with the live script, which
/// knows what the page was made from (`stamp`: which site and search, see
/// [`State::stamp`]).
fn previewed(html: &str, base: &str, stamp: &str, reads: &[String]) -> String {
    let worker = format!(
        "<meta name=\"bantin-service-worker\" content=\"{}\">",
        bantin::base::at_base(base, "/sw.js")
    );
    let script = format!(
        "<script defer src=\"{base}{}\" {stamp} data-reads=\"{}\"></script></head>",
        live::SCRIPT,
        reads.join(" ")
    );
    html.replacen(&worker, "", 1)
        .replacen("</head>", &script, 1)
}

/// Before any good site: a page that lists the problems and reloads
/// once they are fixed.
fn problems_page(state: &State) -> Answer {
    let html = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bản tin: nội dung có lỗi</title>\
         <script defer src=\"{}\" {} data-reads=\"\"></script></head>\
         <body><h1>Nội dung có lỗi</h1><p>Sửa các lỗi dưới đây; trang sẽ tự tải lại.</p></body></html>",
        live::SCRIPT,
        state.stamp()
    );
    Answer::new(500, "text/html; charset=utf-8", html.into_bytes())
}

/// One of a picture's copies, made when first asked for.
fn picture_copy(state: &State, snapshot: &Snapshot, path: &str) -> Option<Answer> {
    let file = path.trim_start_matches('/');
    if let Some(bytes) = state.pictures.lock().ok()?.get(file).cloned() {
        return Some(Answer {
            status: 200,
            kind: "image/webp",
            body: bytes,
        });
    }
    let (src, variants) = snapshot.origins.get(path)?;
    match images::copies(&snapshot.loaded.root, src, variants) {
        Ok(copies) => {
            let mut made = state.pictures.lock().ok()?;
            for copy in copies {
                made.insert(copy.path, Arc::new(copy.bytes));
            }
            made.get(file).cloned().map(|body| Answer {
                status: 200,
                kind: "image/webp",
                body: body as Body,
            })
        }
        Err(problem) => Some(Answer::new(
            500,
            "text/plain; charset=utf-8",
            problem.to_string().into_bytes(),
        )),
    }
}

/// A file of the content's `media/` folder; nothing outside it.
fn media_file(root: &Path, path: &str) -> Option<Vec<u8>> {
    if path.split('/').any(|part| part.is_empty() || part == "..") || path.contains('\\') {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(root.join("media").join(path))
        .ok()?
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// `%xx` escapes decoded (UTF-8); an address that does not decode is
/// kept as it came.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// The `Content-Type` of a file, by its name.
fn kind_of(path: &str) -> &'static str {
    match path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("gif") => "image/gif",
        Some("pdf") => "application/pdf",
        Some("mp4" | "m4v") => "video/mp4",
        Some("webm") => "video/webm",
        Some("ogv") => "video/ogg",
        Some("vtt") => "text/vtt; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preview_page_has_the_live_script_and_no_service_worker() {
        let page = "<html><head><meta name=\"bantin-service-worker\" content=\"/cong/sw.js\"></head><body></body></html>";
        let shown = previewed(
            page,
            "/cong",
            "data-generation=\"7\" data-search=\"2\"",
            &["/data/site.json".into(), "/data/home.json".into()],
        );
        assert_eq!(
            shown,
            "<html><head><script defer src=\"/cong/_bantin/live.js\" data-generation=\"7\" \
             data-search=\"2\" data-reads=\"/data/site.json /data/home.json\"></script></head><body></body></html>"
        );
    }

    #[test]
    fn addresses_are_decoded_and_media_stays_in_its_folder() {
        assert_eq!(percent_decode("/tin-tuc/h%E1%BB%99i"), "/tin-tuc/hội");
        assert_eq!(percent_decode("/a%2"), "/a%2");
        let root = Path::new("/nonexistent");
        assert_eq!(media_file(root, "../site.toml"), None);
        assert_eq!(media_file(root, "a//b"), None);
    }
}
