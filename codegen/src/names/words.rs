//! The words of a spec name, before they are cased: transliterated to ASCII, split at anything
//! that is not a letter or digit, a leading number read in English, a name of symbols spelled out.

/// The words of a name, ASCII letters and digits separated by spaces; never empty.
pub(super) fn words(name: &str) -> String {
    let mut ascii = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            match deunicode::deunicode_char(c).filter(|s| s.chars().any(|c| c.is_ascii_alphanumeric())) {
                Some(text) => ascii.push_str(text),
                None if c.is_alphanumeric() => ascii.push_str(&format!(" u{:x} ", u32::from(c))),
                None => ascii.push(' '),
            }
        }
    }
    let spaced: String = ascii.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    if spaced.trim().is_empty() {
        return spelled_symbols(name);
    }
    let trimmed = spaced.trim_start();
    match trimmed.find(|c: char| !c.is_ascii_digit()) {
        Some(0) => spaced,
        Some(end) if trimmed.as_bytes()[end].is_ascii_alphabetic() => spell_leading_number(trimmed),
        _ => format!("v {trimmed}"),
    }
}

/// A name with no letter or digit, read symbol by symbol; `Empty` for the empty name.
fn spelled_symbols(name: &str) -> String {
    if name.is_empty() {
        return "empty".to_owned();
    }
    let spelled: Vec<String> = name
        .chars()
        .map(|c| match c {
            '+' => "plus".to_owned(),
            '-' => "minus".to_owned(),
            '*' => "star".to_owned(),
            '.' => "dot".to_owned(),
            '/' => "slash".to_owned(),
            '\\' => "backslash".to_owned(),
            '_' => "underscore".to_owned(),
            ' ' => "space".to_owned(),
            '%' => "percent".to_owned(),
            '&' => "and".to_owned(),
            '@' => "at".to_owned(),
            '#' => "hash".to_owned(),
            '$' => "dollar".to_owned(),
            '!' => "bang".to_owned(),
            '?' => "question".to_owned(),
            '=' => "equals".to_owned(),
            '<' => "less".to_owned(),
            '>' => "greater".to_owned(),
            ':' => "colon".to_owned(),
            ',' => "comma".to_owned(),
            '~' => "tilde".to_owned(),
            '|' => "pipe".to_owned(),
            other => format!("u{:x}", u32::from(other)),
        })
        .collect();
    spelled.join(" ")
}

/// `24h rate` -> `twenty four h rate`: the leading number of a name in words.
fn spell_leading_number(text: &str) -> String {
    let end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, rest) = text.split_at(end);
    format!("{} {rest}", number_words(digits).join(" "))
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// English words for a run of ASCII digits: a number below a million as it is said, anything
/// longer or with a leading zero digit by digit.
fn number_words(digits: &str) -> Vec<&'static str> {
    let by_digit = || digits.bytes().map(|b| ONES[usize::from(b - b'0')]).collect();
    if digits.len() > 6 || (digits.len() > 1 && digits.starts_with('0')) {
        return by_digit();
    }
    let Ok(number) = digits.parse::<usize>() else { return by_digit() };
    let mut out = Vec::new();
    if number >= 1000 {
        out.extend(below_thousand(number / 1000));
        out.push("thousand");
    }
    if number % 1000 != 0 || number == 0 {
        out.extend(below_thousand(number % 1000));
    }
    out
}

fn below_thousand(number: usize) -> Vec<&'static str> {
    let mut out = Vec::new();
    if number >= 100 {
        out.push(ONES[number / 100]);
        out.push("hundred");
    }
    let rest = number % 100;
    if rest == 0 && number != 0 {
        return out;
    }
    if rest < 20 {
        out.push(ONES[rest]);
    } else {
        out.push(TENS[rest / 10]);
        if rest % 10 != 0 {
            out.push(ONES[rest % 10]);
        }
    }
    out
}
