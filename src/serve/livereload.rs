//! Live reload on the server's own port, replacing Jekyll's LiveReload
//! server on a second port (lib/jekyll/commands/serve/live_reload_reactor.rb)
//! and its `<head>` injection (serve/servlet.rb, `BodyProcessor`): a small
//! script goes before `</body>` of served HTML, and listens to Server-Sent
//! Events at `/__hyde/events`. Each rebuild tells every open page to reload,
//! to swap its stylesheets, or to show (and later clear) the build error.

use std::io::Write;
use std::sync::Mutex;

/// Where pages listen for rebuilds.
pub const EVENTS_PATH: &str = "/__hyde/events";

const SCRIPT: &str = include_str!("livereload.js");

/// Lets a browser retry a lost connection after a second.
const RETRY_MILLIS: u32 = 1000;

/// `html` with the live-reload script before the last `</body>`, or at the
/// end when there is none.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script>{SCRIPT}</script>");
    let at = find_last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_body_close(html: &[u8]) -> Option<usize> {
    const CLOSE: &[u8] = b"</body";
    html.windows(CLOSE.len())
        .rposition(|w| w.eq_ignore_ascii_case(CLOSE))
}

/// What a rebuild changed, as pages see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Nothing written differs: pages stay as they are.
    None,
    /// Only stylesheets changed: swap them in place.
    Css,
    /// Anything else: reload.
    Page,
}

type Client = Box<dyn Write + Send>;

/// The open event streams and the state a newly opened page must see.
#[derive(Default)]
pub struct Reloader {
    clients: Mutex<Vec<Client>>,
    /// The error of the last build, while it is not fixed.
    error: Mutex<Option<String>>,
}

impl Reloader {
    /// Takes over a raw response stream: writes the SSE headers, then the
    /// current error if the last build failed.
    pub fn subscribe(&self, mut stream: Client) {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
             Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: {RETRY_MILLIS}\n\n"
        );
        let mut ok = stream.write_all(head.as_bytes()).is_ok();
        if let Some(error) = lock(&self.error).as_ref() {
            ok = ok && send(&mut stream, "failed", error);
        }
        if ok && stream.flush().is_ok() {
            lock(&self.clients).push(stream);
        }
    }

    /// After a good build: clears a shown error, then reloads what changed.
    pub fn built(&self, change: Change) {
        if lock(&self.error).take().is_some() {
            self.broadcast("ok", "");
        }
        match change {
            Change::None => {}
            Change::Css => self.broadcast("css", ""),
            Change::Page => self.broadcast("reload", ""),
        }
    }

    /// After a failed build: every page shows `message` until a good build.
    pub fn failed(&self, message: &str) {
        *lock(&self.error) = Some(message.to_string());
        self.broadcast("failed", message);
    }

    /// A comment line that only serves to notice closed connections.
    pub fn heartbeat(&self) {
        let mut clients = lock(&self.clients);
        clients.retain_mut(|c| c.write_all(b": ping\n\n").is_ok() && c.flush().is_ok());
    }

    pub fn client_count(&self) -> usize {
        lock(&self.clients).len()
    }

    fn broadcast(&self, event: &str, data: &str) {
        let mut clients = lock(&self.clients);
        clients.retain_mut(|c| send(c, event, data));
    }
}

/// One event; the data is a JSON string so that it fits on one line.
fn send(stream: &mut Client, event: &str, data: &str) -> bool {
    let data = serde_json::Value::String(data.to_string()).to_string();
    let frame = format!("event: {event}\ndata: {data}\n\n");
    stream.write_all(frame.as_bytes()).is_ok() && stream.flush().is_ok()
}

/// A poisoned lock only means another thread panicked mid-write; the data
/// (a list of streams, an error text) is still usable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn script_goes_before_the_last_body_close() {
        let cases = [
            (
                "<html><body>x</body></html>",
                "<html><body>x",
                "</body></html>",
            ),
            ("<BODY>x</BODY>", "<BODY>x", "</BODY>"),
            ("<p>no body</p>", "<p>no body</p>", ""),
            ("a</body>b</body>c", "a</body>b", "</body>c"),
        ];
        for (html, before, after) in cases {
            let out = String::from_utf8(inject(html.as_bytes())).unwrap();
            assert!(out.starts_with(&format!("{before}<script>")), "{out}");
            assert!(out.ends_with(&format!("</script>{after}")), "{out}");
        }
    }

    /// A stream whose bytes the test can read back.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Sink {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn events_follow_builds() {
        let reloader = Reloader::default();
        let early = Sink::default();
        reloader.subscribe(Box::new(early.clone()));
        reloader.built(Change::Page);
        reloader.failed("Liquid Exception in _layouts/a.html (line 2)\nmore");
        let late = Sink::default();
        reloader.subscribe(Box::new(late.clone()));
        reloader.built(Change::Css);
        reloader.built(Change::None);
        let early = early.text();
        let order = ["event: reload", "event: failed", "event: ok", "event: css"];
        let mut at = 0;
        for event in order {
            at += early[at..].find(event).expect(event);
        }
        assert!(early.contains(r#"data: "Liquid Exception in _layouts/a.html (line 2)\nmore""#));
        assert!(
            late.text().contains("event: failed"),
            "a new page sees the error"
        );
        assert_eq!(early.matches("event: ok").count(), 1);
        assert_eq!(reloader.client_count(), 2);
    }
}
