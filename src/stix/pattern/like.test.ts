import { describe, expect, it } from 'vitest';
import { compileLike } from './like.ts';

describe('LIKE', () => {
  const cases: [string, string, boolean][] = [
    ['abc', 'abc', true], ['abc', 'abcd', false], ['a%', 'a', true], ['%c', 'abc', true], ['%', '', true],
    ['a%c', 'ac', true], ['a%c', 'abxc', true], ['a%c', 'abxcd', false], ['%b%', 'abc', true], ['%b%b%', 'abc', false],
    ['ab%bc', 'abc', false], ['ab%bc', 'abbc', true], ['a_c', 'abc', true], ['a_c', 'ac', false], ['_', '😀', true],
    ['__', '😀', false], ['%_b_%', 'xxbx', true], ['a.c', 'abc', false], ['a.c', 'a.c', true], ['[a]%', '[a]z', true],
    ['%x%y%z', 'xyyz', true], ['a\\%', 'a\\xyz', true], ['a\\%', 'axyz', false], ['%x%y%z', 'xzy', false], ['%a_a%', 'aXa', true], ['%a_a%', 'aa', false],
  ];
  for (const [like, value, expected] of cases) {
    it(`${JSON.stringify(like)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(value)}`, () => {
      expect(compileLike(like).test(value)).toBe(expected);
    });
  }
});
