// A YAML double-quoted scalar for any string. JSON.stringify is not enough: YAML only allows
// printable characters in a quoted scalar, and JSON leaves C1 controls, U+2028/9 and BOMs raw.
import { isInvisible } from './export-input.ts';

export function yamlString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\uFFFD'; // a lone surrogate has no UTF-8 form
    else if (isYamlPrintable(code) && !isInvisible(code)) out += char;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

// YAML 1.2 §5.1 printable set, minus tab/newlines/NEL (escaped so the scalar stays on one line),
// minus the BOM, and minus lone surrogates (which the iterator yields as single code units).
function isYamlPrintable(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
