//! The development web server (lib/jekyll/commands/serve.rb and
//! serve/servlet.rb, which run WEBrick): serves the destination mounted at
//! `baseurl` with Jekyll's URL rules, its no-cache headers, its MIME types
//! and charsets, and its custom `404.html`. Each connection gets its own
//! thread, up to a limit, with read and write timeouts, so a slow or idle
//! client never holds up another.
//!
//! (tiny_http was tried first: its connection pool can leave a new
//! connection queued behind threads blocked on idle or slow clients, and
//! the request then hangs.)

use crate::serve::http::{self, Body, HeadError, Request, Response};
use crate::serve::listing;
use crate::serve::livereload::{self, EVENTS_PATH, Reloader};
use crate::serve::mime;
use crate::serve::path::{self, Target};
use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

/// Jekyll's `Servlet::DEFAULTS`.
const CACHE_CONTROL: &str =
    "private, max-age=0, proxy-revalidate, no-store, no-cache, must-revalidate";

/// Connections served at once; more get a 503.
const MAX_CONNECTIONS: usize = 256;

/// A client that stops reading for this long is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// How often open pages get a heartbeat (to notice closed ones).
const HEARTBEAT: Duration = Duration::from_secs(15);

/// What is served and how: the destination, canonical, mounted at `baseurl`,
/// plus the `webrick.headers` of the config. Replaced after a config reload.
#[derive(Clone, Debug)]
pub struct Mount {
    pub root: PathBuf,
    pub baseurl: String,
    pub headers: Vec<(String, String)>,
    pub livereload: bool,
}

struct Shared {
    mount: RwLock<Mount>,
    reloader: Reloader,
    stop: AtomicBool,
    connections: AtomicUsize,
}

/// A running server; dropping it stops accepting connections.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `mount` on an already bound listener.
    pub fn start(listener: TcpListener, mount: Mount) -> std::io::Result<Server> {
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            mount: RwLock::new(mount),
            reloader: Reloader::default(),
            stop: AtomicBool::new(false),
            connections: AtomicUsize::new(0),
        });
        let accepting = Arc::clone(&shared);
        let beating = Arc::clone(&shared);
        let threads = vec![
            std::thread::spawn(move || accept(&listener, &accepting)),
            std::thread::spawn(move || beat(&beating)),
        ];
        Ok(Server {
            addr,
            shared,
            threads,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves a new destination or baseurl from the next request on.
    pub fn set_mount(&self, mount: Mount) {
        *self.shared.mount.write().unwrap_or_else(|e| e.into_inner()) = mount;
    }

    pub fn reloader(&self) -> &Reloader {
        &self.shared.reloader
    }

    /// Stops accepting; requests under way finish on their own threads.
    pub fn stop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread, which then sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            let busy = text(503, "Too many connections");
            let _ = http::write_response(&mut &stream, busy, false);
            continue;
        }
        let shared = Arc::clone(shared);
        std::thread::spawn(move || {
            serve_connection(&shared, stream);
            shared.connections.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

fn beat(shared: &Shared) {
    let tick = Duration::from_millis(200);
    let mut waited = Duration::ZERO;
    while !shared.stop.load(Ordering::SeqCst) {
        std::thread::sleep(tick);
        waited += tick;
        if waited >= HEARTBEAT {
            shared.reloader.heartbeat();
            waited = Duration::ZERO;
        }
    }
}

/// One request on one connection; a client that went away is no error
/// worth telling.
fn serve_connection(shared: &Shared, mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(http::HEAD_DEADLINE));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let request = match http::read_request(&mut stream) {
        Ok(request) => request,
        Err(HeadError::Gone) => return,
        Err(HeadError::Status(status)) => {
            let _ = http::write_response(&mut stream, text(status, "Bad Request"), false);
            return;
        }
    };
    let mount = shared
        .mount
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let is_get = matches!(request.method.as_str(), "GET" | "HEAD");
    if is_get && mount.livereload && request.target.split('?').next() == Some(EVENTS_PATH) {
        shared.reloader.subscribe(Box::new(stream));
        return;
    }
    let mut reply = reply_for(&mount, &request, is_get);
    reply = reply.header("Cache-Control", CACHE_CONTROL);
    for (name, value) in &mount.headers {
        reply = reply.header(name, value);
    }
    let _ = http::write_response(&mut stream, reply, request.method == "HEAD");
}

fn reply_for(mount: &Mount, request: &Request, is_get: bool) -> Response {
    if !is_get {
        return text(405, "Method Not Allowed").header("Allow", "GET, HEAD");
    }
    match path::resolve(&mount.root, &mount.baseurl, &request.target) {
        Target::File(file) => file_reply(mount, &file, 200).unwrap_or_else(|| not_found(mount)),
        Target::Redirect(location) => {
            text(301, &format!("Moved to {location}")).header("Location", &location)
        }
        Target::Directory(dir, url) => {
            let page = listing::render(&mount.root, &dir, &url);
            html_reply(mount, page.into_bytes(), 200)
        }
        Target::NotFound => not_found(mount),
        Target::BadRequest => text(400, "Bad Request"),
    }
}

/// The site's own `404.html` when there is one (as Jekyll's serve does).
fn not_found(mount: &Mount) -> Response {
    path::inside(&mount.root, &mount.root.join("404.html"))
        .and_then(|page| file_reply(mount, &page, 404))
        .unwrap_or_else(|| text(404, "Not Found"))
}

/// A file, streamed; HTML is read whole to take the live-reload script.
fn file_reply(mount: &Mount, file: &Path, status: u16) -> Option<Response> {
    let name = file.file_name()?.to_str().unwrap_or_default();
    let content_type = mime::content_type(name);
    if mime::is_html(&content_type) {
        return Some(html_reply(mount, std::fs::read(file).ok()?, status));
    }
    let opened = File::open(file).ok()?;
    let length = opened.metadata().ok()?.len();
    let body = Body::File(opened, length);
    Some(Response::new(status, body).header("Content-Type", &content_type))
}

/// An HTML page, with the live-reload script when that is on.
fn html_reply(mount: &Mount, html: Vec<u8>, status: u16) -> Response {
    let body = if mount.livereload {
        livereload::inject(&html)
    } else {
        html
    };
    Response::new(status, Body::Bytes(body)).header("Content-Type", "text/html; charset=utf-8")
}

fn text(status: u16, message: &str) -> Response {
    Response::new(status, Body::Bytes(format!("{message}\n").into_bytes()))
        .header("Content-Type", "text/plain; charset=utf-8")
}
