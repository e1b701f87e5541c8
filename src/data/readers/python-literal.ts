/**
 * A parser for the Python literals in TMDB's credits.csv / movies_metadata.csv (`str(list_of_dicts)`):
 * lists, tuples, dicts, single- or double-quoted strings with escapes, numbers, None, True, False.
 */

/** A parsed Python literal. */
export type PythonValue = null | boolean | number | string | PythonValue[] | { [key: string]: PythonValue };

/** Parses one Python literal; throws a SyntaxError naming the offset on anything else. */
export function parsePythonLiteral(text: string): PythonValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${i} of a Python literal`);
  };
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
  const string = (): string => {
    const quote = text[i++];
    let out = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        const c = text[i + 1];
        if (c === 'x' || c === 'u') {
          const len = c === 'x' ? 2 : 4;
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 2 + len), 16));
          i += 2 + len;
        } else {
          out += ESCAPES[c] ?? `\\${c}`;
          i += 2;
        }
      } else out += text[i++];
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    return out;
  };
  const sequence = (close: string): PythonValue[] => {
    i++;
    const items: PythonValue[] = [];
    for (skip(); text[i] !== close; skip()) {
      items.push(value());
      skip();
      if (text[i] === ',') i++;
      else if (text[i] !== close) fail(`expected ',' or '${close}'`);
    }
    i++;
    return items;
  };
  const dict = (): { [key: string]: PythonValue } => {
    i++;
    const out: { [key: string]: PythonValue } = {};
    for (skip(); text[i] !== '}'; skip()) {
      const key = value();
      skip();
      if (text[i++] !== ':') fail("expected ':'");
      out[String(key)] = value();
      skip();
      if (text[i] === ',') i++;
      else if (text[i] !== '}') fail("expected ',' or '}'");
    }
    i++;
    return out;
  };
  const value = (): PythonValue => {
    skip();
    const c = text[i];
    if (c === '[') return sequence(']');
    if (c === '(') return sequence(')');
    if (c === '{') return dict();
    if (c === "'" || c === '"') return string();
    const word = /^(None|True|False|-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!word) return fail('unexpected character');
    i += word[0].length;
    if (word[0] === 'None') return null;
    if (word[0] === 'True' || word[0] === 'False') return word[0] === 'True';
    return Number(word[0]);
  };
  const result = value();
  skip();
  if (i !== text.length) fail('trailing characters');
  return result;
}
