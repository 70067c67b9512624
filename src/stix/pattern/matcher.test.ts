import { describe, expect, it } from 'vitest';
import { matchPattern } from './matcher.ts';
import { ObservationInputError, observationsFrom } from './observation.ts';

type Sco = Record<string, unknown>;
let serial = 0;

/** One observed-data referencing its SCOs through object_refs, returned with them as a flat list. */
function observed(at: string, scos: Sco[], extra: Record<string, unknown> = {}): Sco[] {
  const n = ++serial;
  const withIds = scos.map((s, i) => ({ id: s.id ?? `${s.type}--${n}-${i}`, ...s }));
  const od = {
    type: 'observed-data',
    id: `observed-data--${n}`,
    first_observed: at,
    last_observed: at,
    number_observed: 1,
    object_refs: withIds.map((s) => s.id),
    ...extra,
  };
  return [od, ...withIds];
}

const matches = (pattern: string, objects: Sco[]) => matchPattern(pattern, objects).matched;
const T0 = '2026-01-01T00:00:00Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

describe('comparisons inside one observation expression', () => {
  const file = observed(T0, [
    { type: 'file', name: 'a.exe', size: 10, is_encrypted: false, hashes: { 'SHA-256': 'ab'.repeat(32) }, ctime: '2026-01-01T01:00:00.5+01:00', names: ['x', 'y'] },
  ]);

  it('compares strings, numbers (int against float), booleans and timestamps', () => {
    expect(matches("[file:name = 'a.exe']", file)).toBe(true);
    expect(matches("[file:name = 'A.exe']", file)).toBe(false);
    expect(matches('[file:size = 10.0]', file)).toBe(true);
    expect(matches('[file:size > 9.5 AND file:size < 11]', file)).toBe(true);
    expect(matches('[file:size >= 10 AND file:size <= 10]', file)).toBe(true);
    expect(matches('[file:size > 10]', file)).toBe(false);
    expect(matches('[file:is_encrypted = false]', file)).toBe(true);
    expect(matches("[file:size = '10']", file)).toBe(false);
    expect(matches("[file:hashes.'SHA-256' = '" + 'ab'.repeat(32) + "']", file)).toBe(true);
    expect(matches("[file:ctime = t'2026-01-01T00:00:00.5Z']", file)).toBe(true);
    expect(matches("[file:ctime > t'2026-01-01T00:00:00.499999Z' AND file:ctime < t'2026-01-01T00:00:00.500001Z']", file)).toBe(true);
    expect(matches("[file:name > t'2026-01-01T00:00:00Z']", file)).toBe(false);
  });

  it('treats a missing property as false for every operator, NOT included', () => {
    for (const p of ["[file:mime_type = 'x']", "[file:mime_type != 'x']", "[file:mime_type NOT = 'x']", '[file:mime_type < 1]', "[file:mime_type NOT IN ('x')]", "[file:mime_type NOT LIKE 'x']", '[file:hashes.MD5 NOT = 1]']) {
      expect(matches(p, file), p).toBe(false);
    }
  });

  it('distinguishes NOT = from != when the types cannot be compared', () => {
    expect(matches("[file:size != 'ten']", file)).toBe(false);
    expect(matches("[file:size NOT = 'ten']", file)).toBe(true);
    expect(matches('[file:size != 11]', file)).toBe(true);
    expect(matches('[file:size NOT = 10]', file)).toBe(false);
    expect(matches('[file:size NOT > 10]', file)).toBe(true);
  });

  it('applies IN and NOT IN to sets', () => {
    expect(matches("[file:name IN ('b.exe', 'a.exe')]", file)).toBe(true);
    expect(matches('[file:size IN (1, 10.0)]', file)).toBe(true);
    expect(matches("[file:name NOT IN ('b.exe', 'a.exe')]", file)).toBe(false);
    expect(matches("[file:name NOT IN ('b.exe')]", file)).toBe(true);
    expect(matches('[file:name IN ()]', file)).toBe(false);
  });

  it('checks EXISTS and NOT EXISTS on the object type of the path', () => {
    expect(matches('[EXISTS file:hashes]', file)).toBe(true);
    expect(matches('[NOT EXISTS file:mime_type]', file)).toBe(true);
    expect(matches('[NOT EXISTS file:name]', file)).toBe(false);
    expect(matches('[NOT EXISTS url:value]', file)).toBe(false);
  });

  it('reads [*] as any element and [n] as one element', () => {
    expect(matches("[file:names[*] = 'y']", file)).toBe(true);
    expect(matches("[file:names[0] = 'y']", file)).toBe(false);
    expect(matches("[file:names[1] = 'y']", file)).toBe(true);
    expect(matches("[file:names[-1] = 'y']", file)).toBe(true);
    expect(matches("[file:names[5] = 'y']", file)).toBe(false);
    expect(matches("[file:names[*] != 'y']", file)).toBe(true);
    const single = observed(T0, [{ type: 'file', names: ['y'] }]);
    expect(matches("[file:names[*] != 'y']", single)).toBe(false);
    expect(matches("[file:names = 'y']", single)).toBe(false);
  });

  it('needs AND-joined tests to hold on one SCO, while OR may span types', () => {
    const two = observed(T0, [{ type: 'file', name: 'a' }, { type: 'file', size: 1 }, { type: 'url', value: 'http://x' }]);
    expect(matches("[file:name = 'a' AND file:size = 1]", two)).toBe(false);
    expect(matches("[file:name = 'a' OR file:size = 1]", two)).toBe(true);
    expect(matches("[file:name = 'b' OR url:value = 'http://x']", two)).toBe(true);
    expect(matches("[(file:name = 'a' OR file:name = 'b') AND NOT EXISTS file:size]", two)).toBe(true);
  });

  it('follows _ref and _refs to the referenced SCOs', () => {
    const traffic = observed(T0, [
      { type: 'ipv4-addr', id: 'ipv4-addr--d', value: '198.51.100.7' },
      { type: 'ipv4-addr', id: 'ipv4-addr--s', value: '10.0.0.2', resolves_to_refs: ['mac-addr--m'] },
      { type: 'mac-addr', id: 'mac-addr--m', value: '00:11:22:33:44:55' },
      { type: 'network-traffic', src_ref: 'ipv4-addr--s', dst_ref: 'ipv4-addr--d', dst_port: 443, protocols: ['tcp', 'tls'] },
    ]);
    expect(matches("[network-traffic:dst_ref.value = '198.51.100.7' AND network-traffic:dst_port = 443]", traffic)).toBe(true);
    expect(matches("[network-traffic:src_ref.value = '198.51.100.7']", traffic)).toBe(false);
    expect(matches("[network-traffic:src_ref.resolves_to_refs[*].value = '00:11:22:33:44:55']", traffic)).toBe(true);
    expect(matches("[network-traffic:dst_ref.type = 'ipv4-addr']", traffic)).toBe(true);
    expect(matches("[network-traffic:dst_ref.nothing = 'x']", traffic)).toBe(false);
  });

  it('follows local refs inside the deprecated embedded objects dictionary', () => {
    const embedded = [{
      type: 'observed-data', id: 'observed-data--embedded', first_observed: T0, last_observed: T0, number_observed: 1,
      objects: { '0': { type: 'ipv4-addr', value: '203.0.113.9' }, '1': { type: 'network-traffic', dst_ref: '0', protocols: ['udp'] } },
    }];
    expect(matches("[network-traffic:dst_ref.value = '203.0.113.9']", embedded)).toBe(true);
    expect(matches("[ipv4-addr:value = '203.0.113.9']", embedded)).toBe(true);
  });

  it('tests ISSUBSET and ISSUPERSET on IPv4 and IPv6 networks', () => {
    const nets = observed(T0, [
      { type: 'ipv4-addr', value: '10.1.2.3' },
      { type: 'ipv4-addr', value: '192.168.0.0/16' },
      { type: 'ipv6-addr', value: '2001:db8::1' },
      { type: 'ipv6-addr', value: '2001:db8:aa::/48' },
    ]);
    expect(matches("[ipv4-addr:value ISSUBSET '10.0.0.0/8']", nets)).toBe(true);
    expect(matches("[ipv4-addr:value ISSUBSET '11.0.0.0/8']", nets)).toBe(false);
    expect(matches("[ipv4-addr:value ISSUBSET '192.168.0.0/24']", nets)).toBe(false);
    expect(matches("[ipv4-addr:value ISSUPERSET '192.168.4.0/24']", nets)).toBe(true);
    expect(matches("[ipv4-addr:value ISSUPERSET '10.0.0.0/8']", nets)).toBe(false);
    expect(matches("[ipv6-addr:value ISSUBSET '2001:db8::/32']", nets)).toBe(true);
    expect(matches("[ipv6-addr:value ISSUBSET '2001:db9::/32']", nets)).toBe(false);
    expect(matches("[ipv6-addr:value ISSUPERSET '2001:db8:aa:1::5']", nets)).toBe(true);
    expect(matches("[ipv6-addr:value ISSUBSET '10.0.0.0/8']", nets)).toBe(false);
    expect(matches("[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']", nets)).toBe(true);
  });

  it('reads LIKE with % and _ only, every other character literal', () => {
    const urls = observed(T0, [{ type: 'url', value: 'http://evil.example/a(b)?c' }]);
    expect(matches("[url:value LIKE 'http://%.example/%']", urls)).toBe(true);
    expect(matches("[url:value LIKE 'http://evil_example/a(b)?_']", urls)).toBe(true);
    expect(matches("[url:value LIKE 'http://evil.example/a(b).c']", urls)).toBe(false);
    expect(matches("[url:value LIKE 'HTTP://%']", urls)).toBe(false);
    expect(matches("[url:value LIKE 'http://evil']", urls)).toBe(false);
    expect(matches("[url:value NOT LIKE '%evil%']", urls)).toBe(false);
    // String escapes first (\\ is one backslash, \' a quote), then LIKE, where a backslash is an ordinary character.
    const paths = observed(T0, [{ type: 'file', name: "C:\\Windows\\it's.exe" }]);
    expect(matches("[file:name LIKE 'C:\\\\Windows\\\\%']", paths)).toBe(true);
    expect(matches("[file:name LIKE '%\\\\it\\'s._xe']", paths)).toBe(true);
    expect(matches("[file:name LIKE 'C:\\\\windows%']", paths)).toBe(false);
  });

  it('runs MATCHES unanchored over strings and over the bytes of binary and hex properties', () => {
    const art = observed(T0, [{ type: 'artifact', payload_bin: Buffer.from([0x4d, 0x5a, 0x90, 0x00]).toString('base64'), x_sig_hex: '4d5a' }, { type: 'domain-name', value: 'abc123.example' }]);
    expect(matches("[domain-name:value MATCHES '[0-9]{3}\\\\.example$']", art)).toBe(true);
    expect(matches("[domain-name:value MATCHES '^[0-9]']", art)).toBe(false);
    expect(matches("[artifact:payload_bin MATCHES '^MZ\\\\x90']", art)).toBe(true);
    expect(matches("[artifact:x_sig_hex MATCHES '^MZ$']", art)).toBe(true);
  });

  it('compares hex and binary constants with binary and hex properties', () => {
    const art = observed(T0, [{ type: 'artifact', payload_bin: 'TVqQAA==', x_magic_hex: '4d5a' }, { type: 'file', hashes: { MD5: '00ff' } }]);
    expect(matches("[artifact:payload_bin = h'4d5a9000']", art)).toBe(true);
    expect(matches("[artifact:payload_bin = b'TVqQAA==']", art)).toBe(true);
    expect(matches("[artifact:payload_bin = h'4d5a']", art)).toBe(false);
    expect(matches("[artifact:payload_bin > h'4d5a']", art)).toBe(true);
    expect(matches("[artifact:x_magic_hex = b'TVo=']", art)).toBe(true);
    expect(matches("[file:hashes.MD5 = h'00FF']", art)).toBe(true);
  });

  it('finishes a catastrophic-backtracking regular expression on a long subject', () => {
    const subject = 'a'.repeat(200_000) + 'b';
    const hostile = observed(T0, [{ type: 'x-log', line: subject }]);
    const started = process.hrtime.bigint();
    expect(matches("[x-log:line MATCHES '(a+)+$']", hostile)).toBe(false);
    expect(matches("[x-log:line MATCHES '(a|aa)*c']", hostile)).toBe(false);
    expect(matches("[x-log:line LIKE '%a%a%a%a%a%c']", hostile)).toBe(false);
    // Generous bound: backtracking engines take hours here, the linear one well under a second.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(20);
  });
});

describe('observation operators and qualifiers', () => {
  const ip = (s: number, value = '10.0.0.1', extra = {}) => observed(at(s), [{ type: 'ipv4-addr', value }], extra);
  const dom = (s: number, value = 'evil.example', extra = {}) => observed(at(s), [{ type: 'domain-name', value }], extra);

  it('needs distinct observations for AND, but counts number_observed', () => {
    const one = observed(T0, [{ type: 'ipv4-addr', value: '10.0.0.1' }, { type: 'domain-name', value: 'evil.example' }]);
    expect(matches("[ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'evil.example']", one)).toBe(false);
    expect(matches("[ipv4-addr:value = '10.0.0.1'] OR [domain-name:value = 'nope']", one)).toBe(true);
    const twice = observed(T0, [{ type: 'ipv4-addr', value: '10.0.0.1' }, { type: 'domain-name', value: 'evil.example' }], { number_observed: 2 });
    expect(matches("[ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'evil.example']", twice)).toBe(true);
    const split = [...ip(0), ...dom(5)];
    const result = matchPattern("[ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'evil.example']", split);
    expect(result.matched).toBe(true);
    expect(result.bindings).toHaveLength(1);
    expect(result.bindings[0]).toHaveLength(2);
  });

  it('orders FOLLOWEDBY by last_observed of the earlier and first_observed of the later', () => {
    const objects = [...ip(0), ...dom(10)];
    expect(matches("[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [domain-name:value = 'evil.example']", objects)).toBe(true);
    expect(matches("[domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1']", objects)).toBe(false);
    const same = [...ip(0), ...dom(0)];
    expect(matches("[domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1']", same)).toBe(true);
    const overlapping = [...ip(0, '10.0.0.1', { last_observed: at(20) }), ...dom(10)];
    expect(matches("[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [domain-name:value = 'evil.example']", overlapping)).toBe(false);
    const chain = [...ip(0), ...dom(10), ...ip(20, '10.0.0.2')];
    expect(matches("[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.2']", chain)).toBe(true);
    expect(matches("[ipv4-addr:value = '10.0.0.2'] FOLLOWEDBY [domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1']", chain)).toBe(false);
  });

  it('keeps WITHIN to windows that touch every observation', () => {
    const objects = [...ip(0), ...dom(30)];
    const p = "([ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'evil.example']) WITHIN";
    expect(matches(`${p} 30 SECONDS`, objects)).toBe(true);
    expect(matches(`${p} 29.5 SECONDS`, objects)).toBe(false);
    const long = [...ip(0, '10.0.0.1', { last_observed: at(25) }), ...dom(30)];
    expect(matches(`${p} 5 SECONDS`, long)).toBe(true);
    expect(matches(`${p} 4 SECONDS`, long)).toBe(false);
  });

  it('keeps START/STOP to observations inside [start, stop)', () => {
    const objects = ip(60);
    const q = (start: string, stop: string) => `[ipv4-addr:value = '10.0.0.1'] START t'${start}' STOP t'${stop}'`;
    expect(matches(q('2026-01-01T00:00:00Z', '2026-01-01T00:02:00Z'), objects)).toBe(true);
    expect(matches(q('2026-01-01T00:01:00Z', '2026-01-01T00:01:00.001Z'), objects)).toBe(true);
    expect(matches(q('2026-01-01T00:01:00.001Z', '2026-01-01T00:02:00Z'), objects)).toBe(false);
    expect(matches(q('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'), objects)).toBe(false);
  });

  it('counts REPEATS over distinct observations, each worth its number_observed', () => {
    const three = [...ip(0), ...ip(10), ...ip(20), ...dom(5)];
    const p = (n: number) => `[ipv4-addr:value = '10.0.0.1'] REPEATS ${n} TIMES`;
    expect(matches(p(3), three)).toBe(true);
    expect(matches(p(4), three)).toBe(false);
    expect(matchPattern(p(2), three).observedDataIds).toHaveLength(3);
    const counted = ip(0, '10.0.0.1', { number_observed: 5 });
    expect(matches(p(5), counted)).toBe(true);
    expect(matches(p(6), counted)).toBe(false);
    const pairs = [...ip(0), ...dom(1), ...ip(2), ...dom(3)];
    const pair = "([ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'evil.example']) REPEATS";
    expect(matches(`${pair} 2 TIMES`, pairs)).toBe(true);
    expect(matches(`${pair} 3 TIMES`, pairs)).toBe(false);
    expect(matches(`[ipv4-addr:value = '10.0.0.1'] REPEATS 3 TIMES WITHIN 20 SECONDS`, three)).toBe(true);
    expect(matches(`[ipv4-addr:value = '10.0.0.1'] REPEATS 3 TIMES WITHIN 19 SECONDS`, three)).toBe(false);
  });

  it('stays bounded on an enormous REPEATS count', () => {
    const huge = ip(0, '10.0.0.1', { number_observed: 2_000_000_000 });
    expect(matches("[ipv4-addr:value = '10.0.0.1'] REPEATS 1500000000 TIMES", huge)).toBe(false);
    expect(matches("[ipv4-addr:value = '10.0.0.1'] REPEATS 1000 TIMES", huge)).toBe(true);
  });

  it('reports the observed-data ids of each binding and of the whole match', () => {
    const objects = [...ip(0), ...dom(10), ...ip(20, '10.9.9.9')];
    const result = matchPattern("[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [domain-name:value = 'evil.example']", objects);
    const ids = objects.filter((o) => o.type === 'observed-data').map((o) => o.id);
    expect(result).toEqual({ matched: true, bindings: [[ids[0], ids[1]]], observedDataIds: [ids[0], ids[1]] });
  });

  it('rejects unusable observed-data with a clear error', () => {
    expect(() => observationsFrom([{ type: 'observed-data', id: 'observed-data--x', first_observed: 'yesterday', last_observed: T0 }])).toThrow(ObservationInputError);
    expect(() => observationsFrom([{ type: 'observed-data', id: 'observed-data--x', first_observed: T0, last_observed: '2025-01-01T00:00:00Z' }])).toThrow(/before first_observed/);
    expect(() => observationsFrom([{ type: 'observed-data', id: 'observed-data--x', first_observed: T0, last_observed: T0, number_observed: 0 }])).toThrow(/positive integer/);
  });
});
