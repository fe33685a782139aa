// Finds where a JSON text stops being valid. Node 20's JSON.parse often names no position
// ("Unexpected token '}', ... is not valid JSON"), and an operator fixing a hand-edited file
// needs a line and column, so a small scanner walks the grammar and reports the first bad offset.

export interface TextPosition {
  line: number;
  column: number;
}

/** Offset of the first syntax error in `text`, or undefined when it is valid JSON. */
export function firstJsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (at: number): never => {
    throw new ScanError(at);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(i);
  };
  const string = () => {
    if (text[i] !== '"') fail(i);
    i += 1;
    while (i < text.length && text[i] !== '"') {
      const ch = text.charCodeAt(i);
      if (ch < 0x20) fail(i);
      if (text[i] === '\\') {
        const esc = text[i + 1] ?? '';
        if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if ('"\\/bfnrt'.includes(esc) && esc !== '') i += 2;
        else fail(i + 1);
      } else i += 1;
    }
    if (i >= text.length) fail(i);
    i += 1;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail(i);
    i += match![0].length;
  };
  const sequence = (close: string, item: () => void) => {
    i += 1;
    ws();
    if (text[i] === close) return void (i += 1);
    for (;;) {
      item();
      ws();
      if (text[i] === ',') {
        i += 1;
        ws();
      } else if (text[i] === close) return void (i += 1);
      else fail(i);
    }
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{')
      sequence('}', () => {
        string();
        ws();
        if (text[i] !== ':') fail(i);
        i += 1;
        value();
      });
    else if (ch === '[') sequence(']', value);
    else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail(i);
    return undefined;
  } catch (error) {
    if (error instanceof ScanError) return Math.min(error.offset, text.length);
    throw error;
  }
}

class ScanError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}

/** 1-based line and column of `offset` in `text`. */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
