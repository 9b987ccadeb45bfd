/**
 * Text that goes into a message: Unicode-normalised to NFC (macOS hands out decomposed Korean, which
 * Windows clients show as loose jamo) and, for headers, free of control characters, so that member
 * data or settings can never start a header line or smuggle a NUL into one.
 */

/** Line breaks and tabs of every kind: CR, LF, TAB, VT, FF, NEL (U+0085), LINE/PARAGRAPH SEPARATOR. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** Every other control character: C0, DEL and C1 (RFC 5322 allows none of them in a header). */
// eslint-disable-next-line no-control-regex -- finding control characters is this module's job
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/** Control characters a body does not keep (it keeps tab and the line breaks). */
// eslint-disable-next-line no-control-regex -- finding control characters is this module's job
const BODY_CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

/** A header's text: every run of breaks or tabs one space, other control characters removed, trimmed, then NFC (a removed control could have kept two jamo apart). */
export function headerText(value: string): string {
  return value.replace(BREAKS, ' ').replace(CONTROLS, '').replace(/ {2,}/g, ' ').trim().normalize('NFC');
}

/** A body's text: the control characters no text body carries (NUL, other C0 but tab and line breaks, DEL) removed, then NFC. */
export function bodyText(value: string): string {
  return value.replace(BODY_CONTROLS, '').normalize('NFC');
}

/** True when a header field name is an RFC 5322 field name (printable ASCII, no colon). */
export function isHeaderName(name: string): boolean {
  return /^[\x21-\x39\x3b-\x7e]+$/.test(name);
}
