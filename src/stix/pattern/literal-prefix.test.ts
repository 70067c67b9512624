import { describe, expect, it } from 'vitest';
import { likeLongestLiteral, likePrefix, likeSuffix, regexLongestLiteral, regexPrefix } from './literal-prefix.ts';

describe('literal prefixes for the index', () => {
  it('reads LIKE prefixes and suffixes around the wildcards', () => {
    expect(likePrefix('http://a%/b')).toBe('http://a');
    expect(likePrefix('a_c')).toBe('a');
    expect(likePrefix('%x')).toBe('');
    expect(likeSuffix('%.evil.com')).toBe('.evil.com');
    expect(likeSuffix('a%')).toBe('');
    expect(likeSuffix('exact')).toBe('exact');
  });

  it('takes only the certain literal start of an anchored regular expression', () => {
    expect(regexPrefix('^host12[0-9]*\\.example')).toBe('host12');
    expect(regexPrefix('^a\\.b\\.c$')).toBe('a.b.c');
    expect(regexPrefix('^abc?d')).toBe('ab');
    expect(regexPrefix('^ab*')).toBe('a');
    expect(regexPrefix('^ab{0,2}')).toBe('a');
    expect(regexPrefix('^ab+c')).toBe('ab');
    expect(regexPrefix('^a\\dc')).toBe('a');
    expect(regexPrefix('^a.c')).toBe('a');
    expect(regexPrefix('abc')).toBe('');
    expect(regexPrefix('^abc|^x')).toBe('');
    expect(regexPrefix('^(?i)abc')).toBe('');
  });

  it('finds the literal run every match must contain', () => {
    expect(likeLongestLiteral('%/evil.example/%')).toBe('/evil.example/');
    expect(likeLongestLiteral('%ab%abcd_x%')).toBe('abcd');
    expect(regexLongestLiteral('[0-9]+evil')).toBe('');
    expect(regexLongestLiteral('x\\d+evil\\.com$')).toBe('evil.com');
    expect(regexLongestLiteral('abc?defg.hi')).toBe('defg');
    expect(regexLongestLiteral('abcde(xy)')).toBe('abcde');
    expect(regexLongestLiteral('abcde(x|y)')).toBe('');
    expect(regexLongestLiteral('ab|cdefgh')).toBe('');
    expect(regexLongestLiteral('ab+cdef')).toBe('cdef');
    expect(regexLongestLiteral('xy\\Qabcdef\\E')).toBe('xy');
    expect(regexLongestLiteral('\\x41bcdef')).toBe('');
    expect(regexLongestLiteral('ab\\sxyz\\b')).toBe('xyz');
  });
});
