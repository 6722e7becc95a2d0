use hyde::converter::markdown::{self, Options, RougeNames};
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut docs = vec![];
    for e in std::fs::read_dir(&dir).unwrap() {
        let s = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let body = match s.strip_prefix("---\n") {
            Some(r) => r
                .split_once("\n---\n")
                .map_or(s.clone(), |(_, b)| b.to_string()),
            None => s,
        };
        docs.push(body);
    }
    let opts = Options::default();
    let t = std::time::Instant::now();
    let mut n = 0;
    let it: usize = std::env::var("IT").map_or(30, |v| v.parse().unwrap());
    for _ in 0..it {
        for d in &docs {
            n += markdown::convert_with(d, &opts, &RougeNames).len();
        }
    }
    let mb = docs.iter().map(|d| d.len()).sum::<usize>() as f64 * it as f64 / 1048576.0;
    println!("{n} {:.1} MB/s", mb / t.elapsed().as_secs_f64());
}
