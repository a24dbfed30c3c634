/** JSON values as Step Functions sees them: every state input and output is one of these. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality, as ArrayContains/ArrayUnique and Choice need it (key order does not matter). */
export function jsonEquals(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEquals(item, b[i]));
  }
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEquals(ao[k], bo[k]));
}

/** Payloads are capped by UTF-8 size (256 KB), not by string length. */
export const PAYLOAD_LIMIT_BYTES = 262144;

export function utf8Length(text: string): number {
  // Fast path: pure ASCII strings are the common case and their length is their size.
  return text.length * 3 <= PAYLOAD_LIMIT_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
}
