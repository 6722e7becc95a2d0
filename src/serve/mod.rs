//! `hyde serve` (lib/jekyll/commands/serve.rb): build the site with `url`
//! pointing at the server, serve the destination, and — unlike Jekyll, on
//! one port and including `_config.yml` edits — watch the source, rebuild on
//! every change and tell open pages to reload. A failed rebuild keeps the
//! last good output served and shows its error in the terminal and on the
//! pages.

pub mod builder;
pub mod http;
pub mod listing;
pub mod livereload;
pub mod mime;
pub mod path;
pub mod server;
pub mod watcher;

use crate::config::{Config, Overrides};
use crate::liquid::Value;
use crate::logger;
use builder::Builder;
use server::{Mount, Server};
use std::net::TcpListener;
use std::path::PathBuf;
use watcher::{Ignore, Watcher};

/// The `serve` flags beyond `build`'s.
#[derive(Clone, Debug)]
pub struct Options {
    /// `-H/--host`; else the config's `host` (Jekyll's default 127.0.0.1).
    pub host: Option<String>,
    /// `-P/--port`; else the config's `port` (4000). 0 picks a free port.
    pub port: Option<u16>,
    pub watch: bool,
    pub livereload: bool,
}

#[derive(thiserror::Error, Debug)]
pub enum ServeError {
    #[error("{0}")]
    Build(#[from] crate::Error),
    #[error(
        "Server address {addr} is already in use: stop the other server, or choose another port with --port"
    )]
    AddressInUse { addr: String },
    #[error("Cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("Configuration: port '{0}' is not a port number")]
    Port(String),
    #[error("Cannot watch {}: {source}", path.display())]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
}

/// `jekyll serve`: runs until the process is stopped.
pub fn serve(mut overrides: Overrides, options: &Options) -> Result<(), ServeError> {
    if let Some(host) = &options.host {
        overrides
            .values
            .insert("host".into(), Value::from(host.as_str()));
    }
    if let Some(port) = options.port {
        overrides
            .values
            .insert("port".into(), Value::from(port.to_string()));
    }
    let mut builder = Builder::new(overrides);
    let config = builder.config()?;
    let (host, port) = address(&config)?;
    let listener = bind(&host, port)?;
    let port = listener.local_addr().map_or(port, |a| a.port());
    builder.set_url(&default_url(&host, port));
    logger::info("Source:", &config.source.display().to_string());
    logger::info("Destination:", &config.destination.display().to_string());
    logger::info(
        "Incremental build:",
        "enabled (rebuilds render only what a change affects)",
    );
    // With watching on, a failed first build is served (the destination as
    // it is, and the error on every page) until an edit fixes it.
    let (config, first_error) = match first_build(&mut builder, config.clone()) {
        Ok(config) => (config, None),
        Err(error) if !options.watch => return Err(error.into()),
        Err(error) => (config, Some(error.to_string())),
    };
    let server = Server::start(listener, mount(&config, options.livereload)).map_err(|e| {
        ServeError::Bind {
            addr: format!("{host}:{port}"),
            source: e,
        }
    })?;
    if let Some(message) = first_error {
        server.reloader().failed(&message);
    }
    if options.watch {
        regenerate(&mut builder, &server, config, options.livereload)
    } else {
        logger::info("Auto-regeneration:", "disabled. Use --watch to enable.");
        announce(&server, &config);
        loop {
            std::thread::park();
        }
    }
}

/// The config's `host` and `port` (the flags are already merged in).
fn address(config: &Config) -> Result<(String, u16), ServeError> {
    let text = |key: &str| config.get(key).and_then(crate::utils::scalar_string);
    let host = text("host").unwrap_or_else(|| "127.0.0.1".into());
    let port = text("port").unwrap_or_else(|| "4000".into());
    let port = port.trim().parse().map_err(|_| ServeError::Port(port))?;
    Ok((host, port))
}

fn bind(host: &str, port: u16) -> Result<TcpListener, ServeError> {
    let addr = format!("{host}:{port}");
    TcpListener::bind((host, port)).map_err(|source| match source.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::AddressInUse { addr },
        _ => ServeError::Bind { addr, source },
    })
}

/// `Serve.default_url`: 127.0.0.1 is shown as `localhost`.
fn default_url(host: &str, port: u16) -> String {
    let host = if host == "127.0.0.1" {
        "localhost"
    } else {
        host
    };
    if host.contains(':') {
        format!("http://[{host}]:{port}")
    } else {
        format!("http://{host}:{port}")
    }
}

/// What the server serves for `config`.
fn mount(config: &Config, livereload: bool) -> Mount {
    let root = config.destination.canonicalize();
    let baseurl = config.get("baseurl").and_then(Value::as_str).unwrap_or("");
    let headers = config
        .get("webrick")
        .and_then(|w| w.get("headers"))
        .and_then(Value::as_hash)
        .map(|h| {
            h.iter()
                .filter_map(|(k, v)| Some((k.to_string(), crate::utils::scalar_string(v)?)))
                .collect()
        })
        .unwrap_or_default();
    Mount {
        root: root.unwrap_or_else(|_| config.destination.clone()),
        baseurl: baseurl.to_string(),
        headers,
        livereload,
    }
}

fn first_build(builder: &mut Builder, config: Config) -> Result<Config, crate::Error> {
    logger::info("Generating...", "");
    match builder.build_from(config) {
        Ok(built) => {
            logger::info("", &format!("done in {:.3} seconds.", built.seconds));
            Ok(built.config)
        }
        Err(error) => {
            logger::error("Error:", &error.to_string());
            Err(error)
        }
    }
}

fn announce(server: &Server, config: &Config) {
    let baseurl = config.get("baseurl").and_then(Value::as_str).unwrap_or("");
    let baseurl = baseurl.trim_end_matches('/');
    logger::info(
        "Server address:",
        &format!("http://{}{baseurl}/", server.addr()),
    );
    logger::info("Server running...", "press ctrl-c to stop.");
}

/// The watch loop: one rebuild per change; only what the change affects is
/// rendered again, and a config change reloads everything.
fn regenerate(
    builder: &mut Builder,
    server: &Server,
    mut config: Config,
    livereload: bool,
) -> Result<(), ServeError> {
    let watcher = Watcher::new(&config).map_err(|source| ServeError::Watch {
        path: config.source.clone(),
        source,
    })?;
    let shown = config.source.display().to_string();
    logger::info("Auto-regeneration:", &format!("enabled for '{shown}'"));
    announce(server, &config);
    let mut ignore = Ignore::new(&config);
    while let Some(changed) = watcher.next_change(&ignore) {
        let now = jiff::ZonedDateTime::now().strftime("%Y-%m-%d %H:%M:%S");
        let count = changed.len();
        logger::info(
            "Regenerating:",
            &format!("{count} file(s) changed at {now}"),
        );
        for path in &changed {
            logger::info("", &config.relative(path));
        }
        match builder.rebuild(&changed) {
            Ok(built) => {
                logger::info("", &format!("...done in {:.3} seconds.", built.seconds));
                config = built.config;
                ignore = Ignore::new(&config);
                server.set_mount(mount(&config, livereload));
                server.reloader().built(built.change);
            }
            Err(error) => {
                let message = error.to_string();
                logger::error("Error:", &message);
                server.reloader().failed(&message);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_urls() {
        let cases = [
            ("127.0.0.1", 4000, "http://localhost:4000"),
            ("0.0.0.0", 4001, "http://0.0.0.0:4001"),
            ("::1", 80, "http://[::1]:80"),
        ];
        for (host, port, want) in cases {
            assert_eq!(default_url(host, port), want);
        }
    }
}
