//! The Liquid benchmark's hyde side (run by bench/liquid.sh, never by a plain
//! `cargo test`): parses and renders bench/liquid/page.liquid with the page
//! data in $BENCH_DATA, in-process with the site's real `LiquidRenderer`,
//! $BENCH_RUNS times, and prints the fastest and the median time per page. Asserts nothing
//! about speed. $BENCH_TEMPLATE renders another template instead (to time
//! one part of the page when profiling).

use hyde::liquid::{Map, RenderOptions, Value};
use hyde::liquid_renderer::LiquidRenderer;
use hyde::{Config, Overrides};
use std::time::Instant;

const SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/liquid");

#[test]
#[ignore = "benchmark: run by bench/liquid.sh"]
fn render_benchmark() {
    let Ok(data_path) = std::env::var("BENCH_DATA") else {
        println!("BENCH_DATA is not set: nothing to measure");
        return;
    };
    let runs: u32 = std::env::var("BENCH_RUNS").map_or(20, |r| r.parse().expect("BENCH_RUNS"));
    let data = std::fs::read_to_string(&data_path).expect("bench data");
    let page = Value::parse_json(&data).expect("bench data is JSON");
    let config = Config::load(&Overrides {
        source: Some(SITE.into()),
        ..Overrides::default()
    })
    .expect("bench site config");
    let template =
        std::env::var("BENCH_TEMPLATE").unwrap_or_else(|_| format!("{SITE}/page.liquid"));
    let source = std::fs::read_to_string(template).expect("page.liquid");
    let mut globals = Map::new();
    globals.insert("site".into(), Value::hash(config.data.clone()));
    globals.insert("page".into(), page);
    let render = || {
        // A fresh renderer each time: the parse is measured too, as Ruby's is.
        let renderer = LiquidRenderer::new(&config);
        let template = renderer.parse("page.liquid", &source, 1).expect("parses");
        let host = renderer.host("page.liquid");
        template
            .render(globals.clone(), &host, &RenderOptions::default())
            .expect("renders")
    };
    let output = render();
    // Wall time and on-CPU time (which waiting for a busy machine's cores
    // does not inflate); the fastest run is the least disturbed.
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..runs {
        let (started, cpu_started) = (Instant::now(), thread_cpu_seconds());
        std::hint::black_box(render());
        wall.push(started.elapsed().as_secs_f64());
        cpu.push(thread_cpu_seconds().zip(cpu_started).map(|(b, a)| b - a));
    }
    wall.sort_by(f64::total_cmp);
    if let Ok(out) = std::env::var("BENCH_OUT") {
        std::fs::write(out, &output).expect("write BENCH_OUT");
    }
    let median = wall[wall.len() / 2];
    let fastest_cpu = cpu.iter().flatten().copied().min_by(f64::total_cmp);
    println!(
        "hyde render: {:.6} s per page (fastest of {runs}; median {median:.6}; {} bytes)",
        wall[0],
        output.len()
    );
    if let Some(c) = fastest_cpu {
        println!("hyde render cpu: {c:.6} s per page (fastest of {runs})");
    }
}

/// This thread's time on a CPU (`CLOCK_THREAD_CPUTIME_ID`, the clock the
/// Ruby side reads), if known. (/proc/thread-self/schedstat, read before,
/// is only brought up to date at scheduler ticks: it under-counted runs of
/// a few milliseconds.)
fn thread_cpu_seconds() -> Option<f64> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec for the call to fill.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    ok.then(|| t.tv_sec as f64 + t.tv_nsec as f64 / 1e9)
}
