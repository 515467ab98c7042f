/**
 * Bytes of a source file → text. Sources arrive as UTF-8 (with or without a BOM), as UTF-16 with
 * a BOM (Excel's "Unicode text"), or as Windows-1252 (Excel on Windows). Node builds without full
 * ICU decode "windows-1252" as Latin-1, which turns curly quotes and € into control characters,
 * so the 0x80–0x9F range is mapped here from the WHATWG table.
 */

/** Windows-1252 0x80–0x9F (https://encoding.spec.whatwg.org/index-windows-1252.txt); the rest is Latin-1. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function decodeCp1252(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i += 1) {
      const byte = bytes[i] as number;
      codes.push(byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] as number) : byte);
    }
    text += String.fromCharCode(...codes);
  }
  return text;
}

/** Detects the encoding (BOM first, then strict UTF-8, else Windows-1252) and decodes. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = new Uint8Array(bytes.length - 2 - (bytes.length % 2));
    for (let i = 0; i + 1 < swapped.length; i += 2) {
      swapped[i] = bytes[i + 3] as number;
      swapped[i + 1] = bytes[i + 2] as number;
    }
    return { text: new TextDecoder('utf-16le').decode(swapped), encoding: 'utf-16be' };
  }
  try {
    // ignoreBOM: keep a UTF-8 BOM in the text, where the CSV parser drops it.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeCp1252(bytes), encoding: 'windows-1252' };
  }
}
