//! An output expression with its filter chain (`a.b | f: x, k: y | g`).
//! Port of Liquid 4.0.4's `Variable` (lib/liquid/variable.rb): a strict
//! parser and the regex-driven lax parser, chosen by the error mode.

use super::expression::Expr;
use super::markup::{Parser, StrictResult, Tok};
use super::tokenize::{QUOTED_FRAGMENT, re};
use super::value::Value;
use regex::Regex;
use std::sync::LazyLock;

/// `name | filter: args`.
#[derive(Debug, Clone)]
pub struct Variable {
    pub name: Expr,
    pub filters: Vec<Filter>,
}

/// One filter application.
#[derive(Debug, Clone)]
pub struct Filter {
    pub name: String,
    /// The registered filter of that name, found once at parse time.
    pub def: Option<&'static super::filters::FilterDef>,
    pub args: Vec<Expr>,
    /// Keyword arguments (`key: value`), passed as a trailing hash as Liquid 4 does.
    pub kwargs: Vec<(String, Expr)>,
    /// The arguments' values when all are literals (`date: "%Y"`): passed
    /// as they are, with nothing to evaluate or allocate per call.
    pub literal_args: Option<Vec<Value>>,
    /// The filter's in-place form, when it has one and the arguments are
    /// literals of an accepted count (see filters/writer.rs).
    pub write: Option<super::filters::writer::WriteFn>,
}

static MARKUP_WITH_QUOTED_FRAGMENT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?s)({QUOTED_FRAGMENT})(.*)")));
static FILTER_MARKUP: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)\|[ \t\r\n\x0B\x0C]*(.*)"));
static FILTER_PARSER: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?:[ \t\r\n\x0B\x0C]+|{QUOTED_FRAGMENT}|,)+")));
static FILTER_ARGS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?::|,)[ \t\r\n\x0B\x0C]*((?:[0-9A-Za-z_]+[ \t\r\n\x0B\x0C]*:[ \t\r\n\x0B\x0C]*)?(?:{QUOTED_FRAGMENT}))"
    ))
});
static WORD: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9A-Za-z_]+"));
static JUST_TAG_ATTRIBUTES: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\A([0-9A-Za-z_]+)[ \t\r\n\x0B\x0C]*:[ \t\r\n\x0B\x0C]*({QUOTED_FRAGMENT})\z"
    ))
});

impl Variable {
    /// `Variable#lax_parse`.
    pub fn lax(markup: &str) -> Variable {
        let Some(c) = MARKUP_WITH_QUOTED_FRAGMENT.captures(markup) else {
            return Variable {
                name: Expr::nil(),
                filters: Vec::new(),
            };
        };
        let name = Expr::parse(&c[1]);
        let mut filters = Vec::new();
        if let Some(f) = FILTER_MARKUP.captures(&c[2]) {
            for m in FILTER_PARSER.find_iter(&f[1]) {
                let f = m.as_str();
                let Some(name) = WORD.find(f) else { continue };
                let args: Vec<String> = FILTER_ARGS
                    .captures_iter(f)
                    .map(|a| a[1].to_string())
                    .collect();
                filters.push(filter_from(name.as_str(), &args));
            }
        }
        Variable { name, filters }
    }

    /// `Variable#strict_parse`.
    pub fn strict(markup: &str) -> StrictResult<Variable> {
        let mut p = Parser::new(markup)?;
        let name = Expr::parse(&p.expression()?);
        let mut filters = Vec::new();
        while p.consume_if(Tok::Pipe).is_some() {
            let filter_name = p.consume(Tok::Id)?;
            let mut args = Vec::new();
            if p.consume_if(Tok::Colon).is_some() {
                args.push(p.argument()?);
                while p.consume_if(Tok::Comma).is_some() {
                    args.push(p.argument()?);
                }
            }
            filters.push(filter_from(&filter_name, &args));
        }
        p.consume(Tok::End)?;
        Ok(Variable { name, filters })
    }
}

/// `parse_filter_expressions`: `key: value` arguments become keyword arguments.
fn filter_from(name: &str, raw_args: &[String]) -> Filter {
    let mut args = Vec::new();
    let mut kwargs = Vec::new();
    for a in raw_args {
        match JUST_TAG_ATTRIBUTES.captures(a) {
            Some(c) => kwargs.push((c[1].to_string(), Expr::parse(&c[2]))),
            None => args.push(Expr::parse(a)),
        }
    }
    let literal_args: Option<Vec<Value>> = kwargs
        .is_empty()
        .then(|| {
            args.iter()
                .map(|a| match a {
                    Expr::Literal(v) => Some(v.clone()),
                    _ => None,
                })
                .collect()
        })
        .flatten();
    let def = super::filters::lookup_for(name, &args);
    let write = match (def, &literal_args) {
        (Some(d), Some(a)) if (d.min..=d.max).contains(&a.len()) => {
            super::filters::writer::lookup(name)
        }
        _ => None,
    };
    Filter {
        name: name.to_string(),
        def,
        args,
        kwargs,
        literal_args,
        write,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(v: &Variable) -> Vec<(String, usize, usize)> {
        v.filters
            .iter()
            .map(|f| (f.name.clone(), f.args.len(), f.kwargs.len()))
            .collect()
    }

    #[test]
    fn lax_and_strict_agree_on_valid_markup() {
        let cases = [
            ("a | f: 1, 'x' | g", vec![("f", 2, 0), ("g", 0, 0)]),
            ("a.b[0] | h: k: 1", vec![("h", 0, 1)]),
            ("'s' | upcase", vec![("upcase", 0, 0)]),
        ];
        for (src, want) in cases {
            let want: Vec<(String, usize, usize)> = want
                .into_iter()
                .map(|(n, a, k)| (n.to_string(), a, k))
                .collect();
            assert_eq!(shape(&Variable::lax(src)), want, "lax {src}");
            assert_eq!(shape(&Variable::strict(src).unwrap()), want, "strict {src}");
        }
    }

    #[test]
    fn lax_accepts_garbage() {
        let v = Variable::lax("a | f: 1 2 | | g");
        assert_eq!(
            shape(&v),
            vec![("f".to_string(), 1, 0), ("g".to_string(), 0, 0)]
        );
        assert!(Variable::strict("a | f: 1 2").is_err());
    }
}
