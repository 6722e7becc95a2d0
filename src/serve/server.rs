//! The development web server (lib/jekyll/commands/serve.rb and
//! serve/servlet.rb, which run WEBrick): serves the destination mounted at
//! `baseurl` with Jekyll's URL rules, its no-cache headers, its MIME types
//! and charsets, and its custom `404.html`. A few worker threads take
//! requests from tiny_http, whose own threads read the requests, so a slow
//! client holds at most one worker.

use crate::serve::livereload::{self, EVENTS_PATH, Reloader};
use crate::serve::mime;
use crate::serve::path::{self, Target};
use std::fs::File;
use std::io::{Cursor, Read};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Jekyll's `Servlet::DEFAULTS`.
const CACHE_CONTROL: &str =
    "private, max-age=0, proxy-revalidate, no-store, no-cache, must-revalidate";

/// Requests served at once; the rest wait in tiny_http's queue.
const WORKERS: usize = 8;

/// How often workers look at the stop flag, and pages get a heartbeat.
const POLL: Duration = Duration::from_millis(200);
const HEARTBEAT_EVERY: u32 = 75;

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
}

/// A running server; dropping it stops the workers.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `mount` on an already bound listener.
    pub fn start(listener: TcpListener, mount: Mount) -> std::io::Result<Server> {
        let addr = listener.local_addr()?;
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let http = Arc::new(http);
        let shared = Arc::new(Shared {
            mount: RwLock::new(mount),
            reloader: Reloader::default(),
            stop: AtomicBool::new(false),
        });
        let mut threads = Vec::new();
        for _ in 0..WORKERS {
            let (http, shared) = (Arc::clone(&http), Arc::clone(&shared));
            threads.push(std::thread::spawn(move || work(&http, &shared)));
        }
        let heartbeat = Arc::clone(&shared);
        threads.push(std::thread::spawn(move || beat(&heartbeat)));
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

    /// Stops the workers once their current request is answered.
    pub fn stop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
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

fn work(http: &tiny_http::Server, shared: &Shared) {
    while !shared.stop.load(Ordering::SeqCst) {
        match http.recv_timeout(POLL) {
            Ok(Some(request)) => handle(shared, request),
            Ok(None) => {}
            Err(_) => std::thread::sleep(POLL),
        }
    }
}

fn beat(shared: &Shared) {
    let mut ticks = 0;
    while !shared.stop.load(Ordering::SeqCst) {
        std::thread::sleep(POLL);
        ticks += 1;
        if ticks % HEARTBEAT_EVERY == 0 {
            shared.reloader.heartbeat();
        }
    }
}

type Reply = Response<Box<dyn Read + Send>>;

/// Answers one request; a client that went away is no error worth telling.
fn handle(shared: &Shared, request: Request) {
    let mount = shared
        .mount
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let is_get = matches!(request.method(), Method::Get | Method::Head);
    if is_get && mount.livereload && request.url().split('?').next() == Some(EVENTS_PATH) {
        shared.reloader.subscribe(request.into_writer());
        return;
    }
    let mut reply = if is_get {
        reply_for(&mount, request.url())
    } else {
        text(405, "Method Not Allowed").with_header(header("Allow", "GET, HEAD"))
    };
    reply.add_header(header("Cache-Control", CACHE_CONTROL));
    for (name, value) in &mount.headers {
        reply.add_header(header(name, value));
    }
    let _ = request.respond(reply);
}

fn reply_for(mount: &Mount, url: &str) -> Reply {
    match path::resolve(&mount.root, &mount.baseurl, url) {
        Target::File(file) => file_reply(mount, &file, 200).unwrap_or_else(|| not_found(mount)),
        Target::Redirect(location) => {
            text(301, &format!("Moved to {location}")).with_header(header("Location", &location))
        }
        Target::NotFound => not_found(mount),
        Target::BadRequest => text(400, "Bad Request"),
    }
}

/// The site's own `404.html` when there is one (as Jekyll's serve does).
fn not_found(mount: &Mount) -> Reply {
    path::inside(&mount.root, &mount.root.join("404.html"))
        .and_then(|page| file_reply(mount, &page, 404))
        .unwrap_or_else(|| text(404, "Not Found"))
}

/// A file, streamed; HTML is read whole to take the live-reload script.
fn file_reply(mount: &Mount, file: &std::path::Path, status: u16) -> Option<Reply> {
    let name = file.file_name()?.to_str().unwrap_or_default();
    let content_type = mime::content_type(name);
    let kind = header("Content-Type", &content_type);
    if mount.livereload && mime::is_html(&content_type) {
        let body = livereload::inject(&std::fs::read(file).ok()?);
        return Some(bytes(status, body).with_header(kind));
    }
    let opened = File::open(file).ok()?;
    let length = opened.metadata().ok()?.len();
    let body: Box<dyn Read + Send> = Box::new(opened);
    let length = usize::try_from(length).ok();
    Some(Response::new(
        StatusCode(status),
        vec![kind],
        body,
        length,
        None,
    ))
}

fn bytes(status: u16, body: Vec<u8>) -> Reply {
    let length = body.len();
    let body: Box<dyn Read + Send> = Box::new(Cursor::new(body));
    Response::new(StatusCode(status), Vec::new(), body, Some(length), None)
}

fn text(status: u16, message: &str) -> Reply {
    bytes(status, format!("{message}\n").into_bytes())
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// A header from names and values that are ours or the site config's; an
/// invalid one from the config becomes a harmless placeholder.
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .or_else(|_| Header::from_bytes("X-Invalid-Header", "1"))
        .unwrap_or_else(|_| unreachable!("a constant header is valid"))
}
