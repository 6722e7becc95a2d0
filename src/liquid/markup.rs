//! The strict markup parser of Liquid 4.0.4 (lib/liquid/lexer.rb and
//! lib/liquid/parser.rb). As in Ruby, it validates markup and re-serialises
//! expressions to strings, which `Expression::parse` then reads.

/// A markup token kind (Liquid's lexer symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Comparison,
    Str,
    Number,
    Id,
    DotDot,
    Pipe,
    Dot,
    Colon,
    Comma,
    OpenSquare,
    CloseSquare,
    OpenRound,
    CloseRound,
    Question,
    Dash,
    End,
}

impl Tok {
    fn ruby_name(self) -> &'static str {
        match self {
            Tok::Comparison => "comparison",
            Tok::Str => "string",
            Tok::Number => "number",
            Tok::Id => "id",
            Tok::DotDot => "dotdot",
            Tok::Pipe => "pipe",
            Tok::Dot => "dot",
            Tok::Colon => "colon",
            Tok::Comma => "comma",
            Tok::OpenSquare => "open_square",
            Tok::CloseSquare => "close_square",
            Tok::OpenRound => "open_round",
            Tok::CloseRound => "close_round",
            Tok::Question => "question",
            Tok::Dash => "dash",
            Tok::End => "end_of_string",
        }
    }
}

/// A strict-parser failure (becomes a warning in warn mode).
pub type StrictResult<T> = Result<T, String>;

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Tokenizes markup like `Liquid::Lexer#tokenize`.
pub fn lex(input: &str) -> StrictResult<Vec<(Tok, String)>> {
    let b = input.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    loop {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let (tok, len) = lex_one(b, i, input)?;
        out.push((tok, input[i..i + len].to_string()));
        i += len;
    }
    out.push((Tok::End, String::new()));
    Ok(out)
}

fn lex_one(b: &[u8], i: usize, input: &str) -> StrictResult<(Tok, usize)> {
    let rest = &b[i..];
    for op in ["==", "!=", "<>", "<=", ">=", "<", ">"] {
        if rest.starts_with(op.as_bytes()) {
            return Ok((Tok::Comparison, op.len()));
        }
    }
    if rest.starts_with(b"contains") && rest.get(8).is_some_and(|c| is_space(*c)) {
        return Ok((Tok::Comparison, 8));
    }
    if let Some(q @ (b'\'' | b'"')) = rest.first().copied()
        && let Some(end) = rest[1..].iter().position(|c| *c == q)
    {
        return Ok((Tok::Str, end + 2));
    }
    if let Some(len) = number_len(rest) {
        return Ok((Tok::Number, len));
    }
    if rest[0].is_ascii_alphabetic() || rest[0] == b'_' {
        let mut len = 1;
        while len < rest.len() && (is_word(rest[len]) || rest[len] == b'-') {
            len += 1;
        }
        if rest.get(len) == Some(&b'?') {
            len += 1;
        }
        return Ok((Tok::Id, len));
    }
    if rest.starts_with(b"..") {
        return Ok((Tok::DotDot, 2));
    }
    let tok = match rest[0] {
        b'|' => Tok::Pipe,
        b'.' => Tok::Dot,
        b':' => Tok::Colon,
        b',' => Tok::Comma,
        b'[' => Tok::OpenSquare,
        b']' => Tok::CloseSquare,
        b'(' => Tok::OpenRound,
        b')' => Tok::CloseRound,
        b'?' => Tok::Question,
        b'-' => Tok::Dash,
        _ => {
            let c = input[i..].chars().next().unwrap_or('?');
            return Err(format!("Unexpected character {c}"));
        }
    };
    Ok((tok, 1))
}

/// `-?\d+(\.\d+)?`
fn number_len(rest: &[u8]) -> Option<usize> {
    let mut i = usize::from(rest.first() == Some(&b'-'));
    let start = i;
    while i < rest.len() && rest[i].is_ascii_digit() {
        i += 1;
    }
    if i == start {
        return None;
    }
    if rest.get(i) == Some(&b'.') && rest.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while i < rest.len() && rest[i].is_ascii_digit() {
            i += 1;
        }
    }
    Some(i)
}

/// `Liquid::Parser`.
pub struct Parser {
    tokens: Vec<(Tok, String)>,
    p: usize,
}

impl Parser {
    pub fn new(input: &str) -> StrictResult<Parser> {
        Ok(Parser {
            tokens: lex(input)?,
            p: 0,
        })
    }

    fn current(&self) -> Tok {
        self.tokens.get(self.p).map_or(Tok::End, |t| t.0)
    }

    pub fn consume(&mut self, kind: Tok) -> StrictResult<String> {
        let tok = self.current();
        if tok != kind {
            return Err(format!(
                "Expected {} but found {}",
                kind.ruby_name(),
                tok.ruby_name()
            ));
        }
        self.p += 1;
        Ok(self.tokens[self.p - 1].1.clone())
    }

    pub fn consume_any(&mut self) -> String {
        self.p += 1;
        self.tokens
            .get(self.p - 1)
            .map(|t| t.1.clone())
            .unwrap_or_default()
    }

    pub fn consume_if(&mut self, kind: Tok) -> Option<String> {
        (self.current() == kind).then(|| self.consume_any())
    }

    /// `id?(str)`: consumes an identifier token with exactly this text.
    pub fn id_is(&mut self, s: &str) -> bool {
        let hit = self
            .tokens
            .get(self.p)
            .is_some_and(|t| t.0 == Tok::Id && t.1 == s);
        if hit {
            self.p += 1;
        }
        hit
    }

    pub fn look(&self, kind: Tok, ahead: usize) -> bool {
        self.tokens.get(self.p + ahead).is_some_and(|t| t.0 == kind)
    }

    pub fn expression(&mut self) -> StrictResult<String> {
        match self.current() {
            Tok::Id => self.variable_signature(),
            Tok::Str | Tok::Number => Ok(self.consume_any()),
            Tok::OpenRound => {
                self.consume_any();
                let first = self.expression()?;
                self.consume(Tok::DotDot)?;
                let last = self.expression()?;
                self.consume(Tok::CloseRound)?;
                Ok(format!("({first}..{last})"))
            }
            Tok::End => Err("[:end_of_string] is not a valid expression".into()),
            other => {
                let text = self.tokens.get(self.p).map(|t| t.1.as_str()).unwrap_or("");
                Err(format!(
                    "[:{}, {:?}] is not a valid expression",
                    other.ruby_name(),
                    text
                ))
            }
        }
    }

    pub fn argument(&mut self) -> StrictResult<String> {
        let mut s = String::new();
        if self.look(Tok::Id, 0) && self.look(Tok::Colon, 1) {
            s.push_str(&self.consume_any());
            s.push_str(&self.consume_any());
            s.push(' ');
        }
        s.push_str(&self.expression()?);
        Ok(s)
    }

    fn variable_signature(&mut self) -> StrictResult<String> {
        let mut s = self.consume(Tok::Id)?;
        while self.look(Tok::OpenSquare, 0) {
            s.push_str(&self.consume_any());
            s.push_str(&self.expression()?);
            s.push_str(&self.consume(Tok::CloseSquare)?);
        }
        if self.look(Tok::Dot, 0) {
            s.push_str(&self.consume_any());
            s.push_str(&self.variable_signature()?);
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_reserialise() {
        let cases = [
            ("a . b [ 0 ]", Ok("a.b[0]")),
            ("'x' ", Ok("'x'")),
            ("( 1 .. n )", Ok("(1..n)")),
            ("-1.5", Ok("-1.5")),
            ("@foo", Err(())),
            ("|", Err(())),
        ];
        for (src, want) in cases {
            let got = Parser::new(src).and_then(|mut p| p.expression());
            match want {
                Ok(w) => assert_eq!(got.as_deref(), Ok(w), "{src}"),
                Err(()) => assert!(got.is_err(), "{src}"),
            }
        }
    }

    #[test]
    fn contains_needs_a_following_space() {
        let toks = lex("a contains b").unwrap();
        assert_eq!(toks[1].0, Tok::Comparison);
        let toks = lex("containsx").unwrap();
        assert_eq!(toks[0].0, Tok::Id);
    }
}
