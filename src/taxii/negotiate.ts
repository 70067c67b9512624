/** One media range of an Accept header, or a Content-Type, split into parts. */
interface MediaRange {
  type: string;
  subtype: string;
  version?: string;
  q: number;
}

function parseRange(text: string): MediaRange | undefined {
  const [essence, ...params] = text.split(';').map((part) => part.trim());
  const [type, subtype, extra] = (essence ?? '').toLowerCase().split('/');
  if (!type || !subtype || extra !== undefined) return undefined;
  const range: MediaRange = { type, subtype, q: 1 };
  for (const param of params) {
    const [name, value] = param.split('=').map((s) => s.trim());
    if (!name || value === undefined) continue;
    const clean = value.replace(/^"(.*)"$/, '$1');
    if (name.toLowerCase() === 'version') range.version = clean;
    else if (name.toLowerCase() === 'q') range.q = Number(clean);
  }
  return range;
}

/** True when the range names TAXII 2.1 JSON exactly (`version` absent means the latest, 2.1; §1.6.8). */
function isTaxii21(range: MediaRange): boolean {
  return range.type === 'application' && range.subtype === 'taxii+json' && (range.version === undefined || range.version === '2.1');
}

/**
 * Whether a response in `application/taxii+json;version=2.1` satisfies the Accept header (RFC 9110 §12.5.1):
 * a missing header, `*\/*`, `application/*`, `application/taxii+json` or its version=2.1 form with q > 0.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((text) => {
    const range = parseRange(text);
    if (!range || !(range.q > 0)) return false;
    if (range.type === '*' && range.subtype === '*') return true;
    if (range.type === 'application' && range.subtype === '*') return true;
    return isTaxii21(range);
  });
}

/** Whether a request body's Content-Type is TAXII 2.1 JSON (`application/taxii+json`, optionally `;version=2.1`). */
export function isTaxiiContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.includes(',')) return false;
  const range = parseRange(contentType);
  return range !== undefined && isTaxii21(range);
}
