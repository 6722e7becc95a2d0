//! Jekyll's Markdown converter: kramdown 2.4 with `input: GFM` (kramdown-parser-gfm 1.1).
//!
//! Mirrors `jekyll/converters/markdown/kramdown_parser.rb`: the source is parsed with
//! pulldown-cmark into a small block/span tree (`tree`), then reshaped the way kramdown's GFM
//! parser shapes its tree (typography, header ids, list paragraphs, raw HTML), and finally
//! written out as kramdown's HTML converter (`kramdown/converter/html.rb`) writes it.
//! kramdown's own block syntax that CommonMark lacks (`^`, ALDs, IAL lines, `{::comment}`,
//! `{::nomarkdown}`, `{::options /}`, abbreviation definitions) is resolved on the source first
//! (`block_extensions`, `span_extensions`).
//!
//! Known gaps: `{::options}` parser settings other than `parse_block_html` and
//! `parse_span_html`; an item starting with `{::nomarkdown}`; an item, or a definition inside
//! a container or below an ALD, whose first line is only an IAL (`ial_only_definition`);
//! footnote definitions with IALs; unclosed fences and fences whose info string has spaces
//! (paragraphs in kramdown); kramdown's inline link syntax where it differs from CommonMark's
//! beyond what `inline_link` takes (link definitions are read by `link_definition`). Every
//! remaining difference of the conformance suites is listed in
//! `tests/markdown/known_differences.tsv`.

mod abbreviations;
mod as_written;
mod autolink;
mod backticks;
mod bare_marker;
mod blanks;
mod block_ends;
mod block_extensions;
mod block_starts;
mod borrowed;
mod build;
mod close;
mod def_ids;
mod emphasis;
mod emphasis_general;
mod emphasis_pairs;
mod entities;
mod footnotes;
mod fragment;
mod frames;
mod headers;
mod highlighter;
mod html_block;
mod html_tag;
mod ial;
mod ids;
mod inline_link;
mod inline_options;
mod kinds;
mod lazy;
mod lazy_code;
mod link_definition;
mod lists;
mod lookahead;
mod note_tables;
mod options;
mod parser_options;
mod references;
pub mod rouge_options;
mod skips;
mod smart_quotes;
mod source;
mod span_extensions;
mod span_html;
mod span_raw;
mod standalone;
mod strikethrough;
mod table;
mod toc;
mod tree;
mod typography;
mod writer;
mod writer_inline;
mod xml_tags;

pub use highlighter::{Highlighter, RougeNames};
pub use options::Options;

/// Converts Markdown to HTML as Jekyll's kramdown converter does, with the default highlighter
/// (escaped code inside Rouge's wrappers; no token colouring).
pub fn convert(src: &str, opts: &Options) -> String {
    convert_with(src, opts, &crate::converter::highlight::SyntectRouge)
}

/// Converts Markdown to HTML, handing fenced code to `highlighter`.
pub fn convert_with(src: &str, opts: &Options, highlighter: &dyn Highlighter) -> String {
    let src = adapt_source(src);
    // One scan finds what the rewrite and the tree passes may have to do.
    let present = skips::Present::in_bytes(src.as_bytes());
    // The lines are found once, for the rewrite's check and (if it leaves the source as it
    // is) the builder.
    let lines = source::LineStarts::new(&src);
    let extensions = block_extensions::rewrite(src, &lines, present.extensions);
    let present = present.with_rewritten(&extensions);
    let src = extensions.source();
    let inline_opts;
    let opts = if extensions.options.is_empty() {
        opts
    } else {
        inline_opts = opts.with_settings(&extensions.options, &extensions.text);
        &inline_opts
    };
    let mut rare = parser_options::Rare::in_bytes(extensions.text.as_bytes());
    let mut doc = if extensions.rewritten {
        tree::parse(&extensions.text, opts)
    } else {
        rare.link_definitions = present.link_definitions;
        build::Builder::with_lines(&extensions.text, opts, lines, Some(rare)).run()
    };
    for (needed, pass) in tree_passes(src, &extensions, &present, rare.strikethrough) {
        if needed {
            pass(&mut doc, &extensions);
        }
    }
    typography::apply(&mut doc, opts);
    ids::assign(&mut doc, opts);
    lists::mark_transparent(&mut doc);
    // kramdown marks abbreviations while parsing, so the table of contents
    // copies them from the headers.
    abbreviations::apply(&mut doc, &extensions.abbreviations);
    // A `{:toc}` list is made by the IAL pass only.
    if present.ials {
        toc::expand(&mut doc, opts);
    }
    span_extensions::resolve(&mut doc, &extensions.spans);
    writer::write(&doc, opts, highlighter, src.len())
}

/// A pass over the parsed tree, given the rewrite's records.
type Pass = fn(&mut tree::Document, &block_extensions::Rewritten);

/// The passes that resolve what kramdown's parser handles while it reads (markers, emphasis,
/// IALs, reference pairs, span HTML), in order, each with whether it is needed: the source
/// shows most documents to have nothing for some of them to do (`skips`; `strikethrough`:
/// the parsed text has a `~~`).
fn tree_passes(
    src: &str,
    extensions: &block_extensions::Rewritten,
    present: &skips::Present,
    strikethrough: bool,
) -> [(bool, Pass); 10] {
    [
        (!extensions.spans.is_empty(), |doc, ext| {
            span_extensions::drop_leads(doc, &ext.spans)
        }),
        (extensions.may_have_markers(), |doc, ext| {
            ext.resolve(&mut doc.blocks)
        }),
        (strikethrough, |doc, _| strikethrough::apply(doc)),
        (true, |doc, _| emphasis::apply(doc)),
        (present.ials, |doc, _| ial::apply(&mut doc.blocks)),
        // Only `ial` adds the `standalone` references this pass looks for.
        (present.ials && src.contains("standalone"), |doc, _| {
            standalone::figures(doc)
        }),
        (true, |doc, _| references::join_texts(&mut doc.blocks)),
        (present.reference_pairs, |doc, _| {
            references::pair_blocks(&mut doc.blocks)
        }),
        (true, |doc, ext| ext.link_attributes(doc)),
        (present.span_html, |doc, _| {
            span_html::balance_blocks(&mut doc.blocks)
        }),
    ]
}

/// kramdown's `adapt_source`: line breaks normalised to `\n`, the last one replaced by one
/// (`chomp!`), so a trailing blank line stays.
fn adapt_source(src: &str) -> String {
    // memchr rather than `str::contains`, which scans byte by byte.
    let mut text = if memchr::memchr(b'\r', src.as_bytes()).is_some() {
        src.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        src.to_string()
    };
    if text.ends_with('\n') {
        text.pop();
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod test_inputs;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_extensions;
#[cfg(test)]
mod tests_kramdown;
