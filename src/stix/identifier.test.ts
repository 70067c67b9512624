import { describe, expect, it } from 'vitest';
import { IDENTIFIER, identifierType } from './identifier.ts';

describe('identifierType', () => {
  const cases = [
    'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    'x-mitre-tactic--298fe907-7931-4fd2-8131-2814dd493134',
    'relationship--81f12913-1372-4c96-85ec-E9034ac98aba',
    'indicator--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f',
    'indicator--8e2e2d2b-17d4-9cbf-938f-98ee46b3cd3f',
    'Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    '-indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    'indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f0',
    'indicator--8e2e2d2b17d4-4cbf-938f-98ee46b3cd3f-',
    'a--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    'tool--8E2E2D2B-17D4-4CBF-B38F-98EE46B3CD3F',
    'tool--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f',
    'tool--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f',
    'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3g',
  ];
  it('agrees with the IDENTIFIER expression on valid and invalid ids', () => {
    for (const id of cases) expect(identifierType(id), id).toBe(IDENTIFIER.exec(id)?.[1]);
  });

  it('returns the type prefix', () => {
    expect(identifierType(cases[1])).toBe('x-mitre-tactic');
    expect(identifierType(cases[3])).toBeUndefined();
  });
});
