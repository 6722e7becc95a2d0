//! Helpers for the `hyde serve` tests: a `hyde serve` process on a fixture
//! site, killed on drop, and a raw HTTP/1.1 client whose requests go out
//! byte for byte as written (no normalization of `..` or escapes, unlike
//! real clients), over loopback, with timeouts so that no test can hang.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, TIMEOUT).expect("connect");
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(TIMEOUT)).unwrap();
    stream
}

/// Sends `method target` exactly as given, and reads the whole reply.
pub fn request(addr: SocketAddr, method: &str, target: &[u8]) -> Reply {
    let mut raw = format!("{method} ").into_bytes();
    raw.extend_from_slice(target);
    raw.extend_from_slice(b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    send_raw(addr, &raw)
}

pub fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target.as_bytes())
}

pub fn send_raw(addr: SocketAddr, raw: &[u8]) -> Reply {
    let mut stream = connect(addr);
    stream.write_all(raw).expect("write request");
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    // Reads to the end of the connection, or of `Content-Length` (some
    // servers keep the connection open).
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
        }
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let reply = parse(&bytes);
            let length = reply.header("Content-Length").and_then(|l| l.parse().ok());
            if length.is_some_and(|l: usize| bytes.len() >= end + 4 + l) {
                break;
            }
        }
    }
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Reply {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: bytes[split + 4..].to_vec(),
    }
}

/// Opens the live-reload event stream; lines arrive on the channel.
pub fn events(addr: SocketAddr) -> std::sync::mpsc::Receiver<String> {
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).expect("connect");
    stream
        .write_all(b"GET /__hyde/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// Waits for an `event: NAME` line (and returns its `data:` line).
pub fn wait_event(events: &std::sync::mpsc::Receiver<String>, name: &str) -> String {
    let deadline = Instant::now() + TIMEOUT;
    let want = format!("event: {name}");
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = events
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no '{want}' within {TIMEOUT:?}"));
        if line == want {
            return events.recv_timeout(TIMEOUT).unwrap_or_default();
        }
    }
}

/// A running `hyde serve`, killed on drop; its stdout lines are kept.
pub struct Serve {
    child: Child,
    pub addr: SocketAddr,
    pub log: Arc<Mutex<Vec<String>>>,
    dir: tempfile::TempDir,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    pub fn start(files: &[(&str, &str)], extra: &[&str]) -> Serve {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            write(&dir.path().join(rel), text);
        }
        let (child, addr, log) = spawn(dir.path(), extra);
        Serve {
            child,
            addr,
            log,
            dir,
        }
    }

    pub fn source(&self) -> &Path {
        self.dir.path()
    }

    pub fn rebuilds(&self) -> usize {
        let log = self.log.lock().unwrap();
        log.iter().filter(|l| l.contains("Regenerating:")).count()
    }

    /// Waits until `n` rebuilds have finished (or failed).
    pub fn wait_rebuilds(&self, n: usize) {
        let deadline = Instant::now() + TIMEOUT;
        let finished = |l: &&String| l.contains("...done in") || l.contains("Error:");
        while self.log.lock().unwrap().iter().filter(finished).count() < n {
            assert!(Instant::now() < deadline, "no rebuild {n}: {:?}", self.log);
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

pub fn hyde() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hyde"))
}

/// Starts the server on port 0 and reads its address from the log.
fn spawn(source: &Path, extra: &[&str]) -> (Child, SocketAddr, Arc<Mutex<Vec<String>>>) {
    let destination: PathBuf = source.join("_site");
    let mut child = hyde()
        .args(["serve", "-H", "127.0.0.1", "-P", "0", "-s"])
        .arg(source)
        .arg("-d")
        .arg(&destination)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start hyde serve");
    let log = Arc::new(Mutex::new(Vec::new()));
    let (sender, receiver) = std::sync::mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let (log, sender) = (Arc::clone(&log), sender.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(url) = line.split("Server address: http://").nth(1) {
                    let host_port = url.split('/').next().unwrap_or_default();
                    let _ = sender.send(host_port.to_string());
                }
                log.lock().unwrap().push(line);
            }
        });
    }
    let addr = match receiver
        .recv_timeout(Duration::from_secs(30))
        .map(|a| a.parse())
    {
        Ok(Ok(addr)) => addr,
        _ => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("hyde serve did not start: {:?}", log.lock().unwrap());
        }
    };
    (child, addr, log)
}
