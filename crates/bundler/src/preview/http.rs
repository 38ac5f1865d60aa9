//! The preview's own small HTTP/1.1 server: one thread per connection,
//! kept alive between requests, `GET` and `HEAD` only.
//!
//! Why not a crate: the preview holds connections open for as long as a
//! tab is (keep-alive, and Server-Sent Events that never end). A server
//! whose thread pool can leave a new connection queued behind those
//! (tiny_http 0.12 did, for seconds at a time, when a browser opened
//! several at once) stalls the page an editor is waiting for. A thread of
//! our own per connection cannot queue, and a connection can be handed
//! over whole to whoever keeps it (the live tabs).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// An idle kept-alive connection is closed after this long (browsers
/// open a new one when they need it).
const IDLE: Duration = Duration::from_secs(60);
/// A peer that stops reading is let go after this long, so no writer
/// waits on it for ever.
const WRITE_WAIT: Duration = Duration::from_secs(10);
/// Connections served at once; more are told to come back (the preview
/// is one editor's, but may listen beyond the loopback).
const MOST_CONNECTIONS: usize = 256;
/// The most a request's head may hold.
const MOST_HEAD_BYTES: usize = 32 * 1024;

/// A request as the preview needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    /// `GET` or `HEAD` (others are answered here, with 405).
    pub method: String,
    /// The address as sent: path and query, still escaped.
    pub target: String,
    /// Whether the connection stays open after the answer.
    keep_alive: bool,
}

/// Bytes an answer sends, shared with wherever they are kept (a site's
/// files are not copied for each request).
pub(crate) type Body = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// An answer: status, headers and body (written with its length).
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

/// What the handler does with a request.
pub(crate) enum Reply {
    /// Answered; the connection serves the next request.
    Answer(Response),
    /// The connection is handed over as it is (nothing written yet), to
    /// keep writing to it (Server-Sent Events).
    HandOver(Box<dyn FnOnce(TcpStream) + Send>),
}

/// The handler every request goes to, from any connection's thread.
pub(crate) type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

/// Accepts connections until the listener fails, each on its own thread.
pub(crate) fn serve(listener: TcpListener, handler: Handler) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if open.fetch_add(1, Ordering::SeqCst) >= MOST_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = refuse(stream, 503, "too many connections");
            continue;
        }
        let handler = handler.clone();
        let served = open.clone();
        let spawned = std::thread::Builder::new()
            .name("preview connection".into())
            .spawn(move || {
                connection(stream, &handler);
                served.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // No thread to be had: the connection closes with the closure
            // (the browser tries again), and is not counted.
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Serves one connection's requests in turn.
fn connection(stream: TcpStream, handler: &Handler) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(WRITE_WAIT));
    let _ = stream.set_nodelay(true);
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reading);
    let mut stream = stream;
    loop {
        let request = match read_request(&mut reader) {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(Unreadable(status)) => {
                let _ = refuse(stream, status, "bad request");
                return;
            }
        };
        if request.method != "GET" && request.method != "HEAD" {
            let _ = refuse(stream, 405, "only GET and HEAD");
            return;
        }
        match handler(&request) {
            Reply::Answer(response) => {
                if write_response(&mut stream, &request, &response).is_err() || !request.keep_alive
                {
                    return;
                }
            }
            Reply::HandOver(keep) => {
                keep(stream);
                return;
            }
        }
    }
}

/// Why a request could not be read: the status it is answered with.
#[derive(Debug, PartialEq, Eq)]
struct Unreadable(u16);

/// The next request's head; `None` when the peer closed or went idle.
/// Requests with a body are not served: their connection is not reused
/// (`keep_alive` false), so the body is never mistaken for a request.
fn read_request(reader: &mut impl BufRead) -> Result<Option<Request>, Unreadable> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let read = Read::by_ref(reader)
            .take((MOST_HEAD_BYTES + 1 - before) as u64)
            .read_until(b'\n', &mut head);
        match read {
            Ok(0) | Err(_) if before == 0 => return Ok(None),
            Ok(0) | Err(_) => return Err(Unreadable(400)),
            Ok(_) => {}
        }
        if head.len() > MOST_HEAD_BYTES {
            return Err(Unreadable(431));
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            if before == 0 {
                // Blank lines between requests are allowed (RFC 9112 §2.2).
                head.clear();
                continue;
            }
            break;
        }
    }
    let text = std::str::from_utf8(&head).map_err(|_| Unreadable(400))?;
    let mut lines = text.lines();
    let mut first = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (first.next(), first.next(), first.next(), first.next())
    else {
        return Err(Unreadable(400));
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || !target.starts_with('/') {
        return Err(Unreadable(400));
    }
    let mut keep_alive = version == "HTTP/1.1";
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("connection") {
            if value.eq_ignore_ascii_case("close") {
                keep_alive = false;
            } else if value.eq_ignore_ascii_case("keep-alive") {
                keep_alive = true;
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            keep_alive = false;
        }
    }
    Ok(Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
    }))
}

/// Writes `response` to `request`'s connection.
fn write_response(
    stream: &mut TcpStream,
    request: &Request,
    response: &Response,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        // Every value here is the server's own (a type, a policy, a base
        // path): a line break in one would be a bug, and is left out.
        if !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    let body: &[u8] = (*response.body).as_ref();
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: {}\r\n\r\n",
        body.len(),
        if request.keep_alive {
            "keep-alive"
        } else {
            "close"
        }
    ));
    stream.write_all(head.as_bytes())?;
    if request.method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A short answer that closes the connection.
fn refuse(mut stream: TcpStream, status: u16, why: &str) -> std::io::Result<()> {
    let _ = stream.set_write_timeout(Some(WRITE_WAIT));
    write!(
        stream,
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{why}",
        reason(status),
        why.len()
    )?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn request(text: &str) -> Result<Option<Request>, Unreadable> {
        read_request(&mut BufReader::new(text.as_bytes()))
    }

    #[test]
    fn request_heads_are_read_and_bad_ones_refused() {
        let got = request("GET /tin-tuc/a?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(
            got,
            Ok(Some(Request {
                method: "GET".into(),
                target: "/tin-tuc/a?q=1".into(),
                keep_alive: true,
            }))
        );
        let closing = request("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert_eq!(closing.map(|r| r.map(|r| r.keep_alive)), Ok(Some(false)));
        let old = request("GET / HTTP/1.0\r\n\r\n");
        assert_eq!(old.map(|r| r.map(|r| r.keep_alive)), Ok(Some(false)));
        let with_body = request("GET / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd");
        assert_eq!(with_body.map(|r| r.map(|r| r.keep_alive)), Ok(Some(false)));
        assert_eq!(request(""), Ok(None));
        assert_eq!(request("GET /\r\n\r\n"), Err(Unreadable(400)));
        assert_eq!(
            request("GET http://x/ HTTP/1.1\r\n\r\n"),
            Err(Unreadable(400))
        );
        assert_eq!(request("GET / HTTP/1.1\r\nHost"), Err(Unreadable(400)));
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(40_000));
        assert_eq!(request(&huge), Err(Unreadable(431)));
    }

    fn started(handler: Handler) -> std::net::SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let address = listener.local_addr().expect("an address");
        std::thread::spawn(move || serve(listener, handler));
        address
    }

    fn echo() -> Handler {
        Arc::new(|request: &Request| {
            Reply::Answer(Response {
                status: 200,
                headers: vec![("Content-Type", "text/plain".into())],
                body: Arc::new(request.target.clone().into_bytes()),
            })
        })
    }

    /// Reads one answer: head, then `Content-Length` bytes (none for HEAD).
    fn answer(reader: &mut BufReader<TcpStream>, to_head: bool) -> (String, String) {
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("a line");
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; if to_head { 0 } else { length }];
        reader.read_exact(&mut body).expect("the body");
        (head, String::from_utf8(body).expect("text"))
    }

    #[test]
    fn one_connection_serves_requests_in_turn() {
        let address = started(echo());
        let mut stream = TcpStream::connect(address).expect("connected");
        stream
            .write_all(b"GET /a HTTP/1.1\r\n\r\nHEAD /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\nConnection: close\r\n\r\n")
            .expect("sent");
        let mut reader = BufReader::new(stream);
        let (head, body) = answer(&mut reader, false);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("Connection: keep-alive"), "{head}");
        assert_eq!(body, "/a");
        let (head, body) = answer(&mut reader, true);
        // HEAD: the length of what GET would send, and no body.
        assert!(head.contains("Content-Length: 2\r\n"), "{head}");
        assert_eq!(body, "");
        let mut rest = String::new();
        reader.read_to_string(&mut rest).expect("the rest");
        assert!(rest.starts_with("HTTP/1.1 200 OK\r\n"), "{rest}");
        assert!(rest.contains("Connection: close"), "{rest}");
        assert!(rest.ends_with("\r\n\r\n/c"), "{rest}");
    }

    #[test]
    fn a_new_connection_is_served_at_once_while_many_stay_open() {
        let kept = Arc::new(std::sync::Mutex::new(Vec::new()));
        let keeper = kept.clone();
        let handler: Handler = Arc::new(move |request: &Request| {
            if request.target == "/events" {
                let keeper = keeper.clone();
                return Reply::HandOver(Box::new(move |mut stream: TcpStream| {
                    let _ = stream.write_all(b"HTTP/1.1 200 OK\r\n\r\n");
                    if let Ok(mut kept) = keeper.lock() {
                        kept.push(stream);
                    }
                }));
            }
            Reply::Answer(Response {
                status: 404,
                headers: Vec::new(),
                body: Arc::new(b"no".to_vec()),
            })
        });
        let address = started(handler);
        // Idle kept-alive connections and endless streams, as open tabs
        // hold them, opened all at once.
        let idle: Vec<TcpStream> = (0..12)
            .map(|_| TcpStream::connect(address).expect("connected"))
            .collect();
        let mut streams = Vec::new();
        for _ in 0..12 {
            let mut stream = TcpStream::connect(address).expect("connected");
            stream
                .write_all(b"GET /events HTTP/1.1\r\n\r\n")
                .expect("sent");
            streams.push(stream);
        }
        let mut fresh = TcpStream::connect(address).expect("connected");
        fresh
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("a timeout");
        fresh
            .write_all(b"GET /page HTTP/1.1\r\n\r\n")
            .expect("sent");
        let (head, body) = answer(&mut BufReader::new(fresh), false);
        assert!(head.starts_with("HTTP/1.1 404 Not Found\r\n"), "{head}");
        assert_eq!(body, "no");
        // Every stream was handed over.
        for _ in 0..50 {
            if kept.lock().map_or(0, |k| k.len()) == 12 {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(kept.lock().map_or(0, |k| k.len()), 12);
        drop(idle);
    }

    #[test]
    fn other_methods_are_refused() {
        let address = started(echo());
        let mut stream = TcpStream::connect(address).expect("connected");
        stream
            .write_all(b"POST /a HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
            .expect("sent");
        let mut text = String::new();
        stream.read_to_string(&mut text).expect("an answer");
        assert!(
            text.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
            "{text}"
        );
    }
}
