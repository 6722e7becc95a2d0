//! The HTTP/1.1 wire format, as much of it as a static development server
//! needs (the part of WEBrick's httprequest.rb/httpresponse.rb that Jekyll's
//! `serve` uses): read one request head with size and time limits, write one
//! response with `Content-Length`, without a body for `HEAD`. Every
//! connection carries one request (`Connection: close`), so no client can
//! hold a thread by keeping a connection open between requests.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// Larger request heads are refused (431), as WEBrick refuses long lines.
pub const MAX_HEAD: usize = 16 * 1024;

/// A client must send its whole request head within this time.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// The request line; headers are read but hyde needs none of them.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target exactly as sent (still percent-encoded).
    pub target: String,
}

/// Why a request head could not be read; the status to answer with.
#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    /// The client closed the connection or was too slow: no answer.
    Gone,
    Status(u16),
}

/// Reads up to the blank line that ends the head.
pub fn read_request(stream: &mut impl Read) -> Result<Request, HeadError> {
    let started = Instant::now();
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            if end > MAX_HEAD {
                return Err(HeadError::Status(431));
            }
            break;
        }
        if head.len() > MAX_HEAD {
            return Err(HeadError::Status(431));
        }
        if started.elapsed() > HEAD_DEADLINE {
            return Err(HeadError::Gone);
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(HeadError::Gone),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
        }
    }
    parse_request_line(&head)
}

fn parse_request_line(head: &[u8]) -> Result<Request, HeadError> {
    let end = head.windows(2).position(|w| w == b"\r\n").unwrap_or(0);
    let line = std::str::from_utf8(&head[..end]).map_err(|_| HeadError::Status(400))?;
    let parts: Vec<&str> = line.split(' ').collect();
    match parts.as_slice() {
        [method, target, version] if version.starts_with("HTTP/1.") && !target.is_empty() => {
            Ok(Request {
                method: method.to_string(),
                target: target.to_string(),
            })
        }
        _ => Err(HeadError::Status(400)),
    }
}

/// A response body: bytes in memory, or a file streamed from disk.
pub enum Body {
    Bytes(Vec<u8>),
    File(std::fs::File, u64),
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Response {
    pub fn new(status: u16, body: Body) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// Writes the status line, headers and (unless `head_only`) the body.
/// Header names and values come from hyde or the site's config; line breaks
/// in them are dropped so that none can split the head.
pub fn write_response(out: &mut impl Write, response: Response, head_only: bool) -> io::Result<()> {
    let length = match &response.body {
        Body::Bytes(bytes) => bytes.len() as u64,
        Body::File(_, length) => *length,
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nServer: hyde\r\nConnection: close\r\nContent-Length: {length}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        let clean = |s: &str| s.replace(['\r', '\n'], "");
        head.push_str(&format!("{}: {}\r\n", clean(name), clean(value)));
    }
    head.push_str("\r\n");
    let mut out = io::BufWriter::new(out);
    out.write_all(head.as_bytes())?;
    if !head_only {
        match response.body {
            Body::Bytes(bytes) => out.write_all(&bytes)?,
            Body::File(file, length) => {
                io::copy(&mut file.take(length), &mut out)?;
            }
        }
    }
    out.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_heads() {
        let ok = |method: &str, target: &str| {
            Ok(Request {
                method: method.into(),
                target: target.into(),
            })
        };
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD + 10));
        let cases: Vec<(&[u8], Result<Request, HeadError>)> = vec![
            (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", ok("GET", "/")),
            (b"HEAD /a%20b?q HTTP/1.0\r\n\r\n", ok("HEAD", "/a%20b?q")),
            (b"GET /a b HTTP/1.1\r\n\r\n", Err(HeadError::Status(400))),
            (b"GET / SPDY/3\r\n\r\n", Err(HeadError::Status(400))),
            (b"GET /\xff HTTP/1.1\r\n\r\n", Err(HeadError::Status(400))),
            (b"GET / HTTP/1.1\r\nHost:", Err(HeadError::Gone)),
            (long.as_bytes(), Err(HeadError::Status(431))),
        ];
        for (raw, want) in cases {
            let mut reader = raw;
            let shown: String = String::from_utf8_lossy(raw).chars().take(40).collect();
            assert_eq!(read_request(&mut reader), want, "{shown:?}");
        }
    }

    #[test]
    fn responses() {
        let reply = || {
            Response::new(404, Body::Bytes(b"gone".to_vec())).header("X-Evil", "a\r\nSet-Cookie: b")
        };
        let mut out = Vec::new();
        write_response(&mut out, reply(), false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        assert!(text.contains("Content-Length: 4\r\n"));
        assert!(text.contains("X-Evil: aSet-Cookie: b\r\n"));
        assert!(text.ends_with("\r\n\r\ngone"));
        let mut out = Vec::new();
        write_response(&mut out, reply(), true).unwrap();
        assert!(String::from_utf8(out).unwrap().ends_with("\r\n\r\n"));
    }
}
