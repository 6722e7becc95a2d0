//! `--profile` (lib/jekyll/profiler.rb and liquid_renderer/table.rb): the
//! time of each build phase, and per template file how often it rendered,
//! how many bytes it produced and how long it took, as Jekyll tabulates them.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// Render statistics of one template file.
#[derive(Clone, Copy, Default, Debug)]
pub struct FileStats {
    pub count: usize,
    pub bytes: usize,
    pub time: Duration,
}

/// Collects render statistics from every thread of a build.
#[derive(Default, Debug)]
pub struct Stats {
    files: Mutex<HashMap<String, FileStats>>,
}

impl Stats {
    pub fn record(&self, file: &str, bytes: usize, time: Duration) {
        if let Ok(mut files) = self.files.lock() {
            let entry = files.entry(file.to_string()).or_default();
            entry.count += 1;
            entry.bytes += bytes;
            entry.time += time;
        }
    }

    /// `LiquidRenderer::Table#to_s`: the 50 slowest files, then the totals.
    pub fn table(&self) -> String {
        let files = self.files.lock().map(|f| f.clone()).unwrap_or_default();
        let mut sorted: Vec<(String, FileStats)> = files.into_iter().collect();
        sorted.sort_by(|a, b| b.1.time.cmp(&a.1.time).then_with(|| a.0.cmp(&b.0)));
        sorted.truncate(50);
        let mut rows = vec![vec![
            "Filename".to_string(),
            "Count".into(),
            "Bytes".into(),
            "Time".into(),
        ]];
        let mut total = FileStats::default();
        for (file, s) in &sorted {
            total.count += s.count;
            total.bytes += s.bytes;
            total.time += s.time;
            rows.push(stat_row(file.clone(), s));
        }
        rows.push(stat_row(
            format!("TOTAL (for {} files)", sorted.len()),
            &total,
        ));
        tabulate(&rows)
    }
}

fn stat_row(name: String, s: &FileStats) -> Vec<String> {
    vec![
        name,
        s.count.to_string(),
        format!("{:.2}K", s.bytes as f64 / 1024.0),
        format!("{:.3}", s.time.as_secs_f64()),
    ]
}

/// `Profiler#profile_process`'s table of phase times.
pub fn phase_table(phases: &[(&str, Duration)]) -> String {
    let mut rows = vec![vec!["PHASE".to_string(), "TIME".to_string()]];
    let mut total = 0.0;
    for (name, time) in phases {
        let secs = (time.as_secs_f64() * 10_000.0).round() / 10_000.0;
        total += secs;
        rows.push(vec![name.to_uppercase(), format!("{secs:.4}")]);
    }
    rows.push(vec!["TOTAL TIME".to_string(), format!("{total:.4}")]);
    tabulate(&rows)
}

/// `Profiler.tabulate`: terminal-table without top and bottom borders; the
/// first column left-aligned, the others right-aligned.
pub fn tabulate(rows: &[Vec<String>]) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let line = |row: &Vec<String>| {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| match c {
                0 => format!(" {cell:<w$} ", w = widths[c]),
                _ => format!(" {cell:>w$} ", w = widths[c]),
            })
            .collect();
        format!("|{}|", cells.join("|"))
    };
    let separator: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
    let mut out = String::from("\n");
    for (i, row) in rows.iter().enumerate() {
        out.push_str(&line(row));
        out.push('\n');
        if i == 0 {
            out.push_str(&format!("+{}+\n", separator.join("+")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_look_like_jekylls() {
        let rows = vec![
            vec!["Filename".to_string(), "Count".into()],
            vec!["_layouts/post.html".to_string(), "3".into()],
        ];
        let want = "\n| Filename           | Count |\n+--------------------+-------+\n| _layouts/post.html |     3 |\n";
        assert_eq!(tabulate(&rows), want);
    }
}
