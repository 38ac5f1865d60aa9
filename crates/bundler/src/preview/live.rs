//! The tabs a preview keeps up to date: each preview page loads
//! `live.js`, which listens on `/_bantin/events` (Server-Sent Events: a
//! plain response that stays open, allowed by the site's own policy) and
//! reloads its tab when a bundle the tab read has changed, or shows the
//! content's problems over the page.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where preview pages load the script from, under the site's base path.
pub(crate) const SCRIPT: &str = "/_bantin/live.js";
/// Where the script listens.
pub(crate) const EVENTS: &str = "/_bantin/events";
/// The script: only preview pages name it, `bantin build` never does.
pub(crate) const SCRIPT_TEXT: &str = include_str!("live.js");

/// How often an idle connection is written to: a tab that went away is
/// then let go (memory stays flat over a long session).
const KEEP_ALIVE: Duration = Duration::from_secs(10);

/// What the tabs are told.
pub(crate) enum Message {
    /// The content's state: its generation, its problems (none: the
    /// overlay goes) and how many times the search files changed (a
    /// search tab that missed a change, loading while it was told,
    /// reloads).
    State {
        generation: u64,
        problems: Vec<String>,
        search: u64,
    },
    /// A new site is served; `changed` names the files (`/data/…`) whose
    /// bytes changed.
    Changed {
        generation: u64,
        changed: Vec<String>,
    },
}

impl Message {
    /// The message as one Server-Sent Event.
    fn event(&self) -> String {
        let (name, data) = match self {
            Message::State {
                generation,
                problems,
                search,
            } => (
                "state",
                serde_json::json!({ "generation": generation, "problems": problems, "search": search }),
            ),
            Message::Changed {
                generation,
                changed,
            } => (
                "changed",
                serde_json::json!({ "generation": generation, "changed": changed }),
            ),
        };
        format!("event: {name}\ndata: {data}\n\n")
    }
}

type Tab = Box<dyn Write + Send>;

/// The open connections of the tabs.
#[derive(Default, Clone)]
pub(crate) struct Clients(Arc<Mutex<Vec<Tab>>>);

impl Clients {
    /// A tab that connected: it gets `first`, then every message.
    pub(crate) fn add(&self, mut tab: Tab, first: &Message) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                    Cache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
        let written = tab
            .write_all(head.as_bytes())
            .and_then(|()| tab.write_all(first.event().as_bytes()))
            .and_then(|()| tab.flush());
        if written.is_ok() {
            if let Ok(mut tabs) = self.0.lock() {
                tabs.push(tab);
            }
        }
    }

    /// Tells every tab; a tab that cannot be written to is gone.
    pub(crate) fn send(&self, message: &Message) {
        self.write(message.event().as_bytes());
    }

    fn write(&self, bytes: &[u8]) {
        if let Ok(mut tabs) = self.0.lock() {
            tabs.retain_mut(|tab| tab.write_all(bytes).and_then(|()| tab.flush()).is_ok());
        }
    }

    /// How many tabs are listening.
    #[cfg(test)]
    pub(crate) fn count(&self) -> usize {
        self.0.lock().map_or(0, |tabs| tabs.len())
    }
}

/// Writes a comment to every tab now and then, in the background.
pub(crate) fn keep_alive(state: Arc<super::State>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(KEEP_ALIVE);
        state.clients.write(b": still here\n\n");
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connection that takes `room` writes, then fails.
    struct Limited(Arc<Mutex<Vec<u8>>>, usize);

    impl Write for Limited {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if self.1 == 0 {
                return Err(std::io::Error::other("gone"));
            }
            self.1 -= 1;
            self.0.lock().expect("a lock").extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn tabs_get_the_state_then_each_change_and_a_closed_tab_is_let_go() {
        let clients = Clients::default();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let state = Message::State {
            generation: 1,
            problems: vec!["a.md:2:1: bad".into()],
            search: 3,
        };
        clients.add(Box::new(Limited(seen.clone(), 3)), &state);
        clients.add(Box::new(Limited(Arc::default(), 100)), &state);
        assert_eq!(clients.count(), 2);
        clients.send(&Message::Changed {
            generation: 2,
            changed: vec!["/data/site.json".into()],
        });
        let text = String::from_utf8(seen.lock().expect("a lock").clone()).expect("text");
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"));
        assert!(text.contains(
            "event: state\ndata: {\"generation\":1,\"problems\":[\"a.md:2:1: bad\"],\"search\":3}\n\n"
        ));
        assert!(text.ends_with(
            "event: changed\ndata: {\"changed\":[\"/data/site.json\"],\"generation\":2}\n\n"
        ));
        // Its room is spent: the next message finds it gone.
        clients.send(&state);
        assert_eq!(clients.count(), 1);
    }
}
