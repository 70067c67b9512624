import { describe, expect, it } from 'vitest';
import { isCommunicationCheckDue, nextCommunicationCheck } from './communication-checks.ts';
import { signedAgreement, testParty } from './test-fixtures.ts';

const agreement = signedAgreement([testParty('CERT-A'), testParty('CERT-B')]);

describe('communication checks', () => {
  it('fall due one agreed interval (720 h) after the last check', () => {
    const last = '2026-03-01T09:00:00.000Z';
    expect(nextCommunicationCheck(agreement, last, Date.parse(last))).toBe('2026-03-31T09:00:00.000Z');
    expect(isCommunicationCheckDue(agreement, last, Date.parse('2026-03-31T08:59:59.999Z'))).toBe(false);
    expect(isCommunicationCheckDue(agreement, last, Date.parse('2026-03-31T09:00:00.000Z'))).toBe(true);
  });
  it('are due at once when none was ever made', () => {
    const now = Date.parse('2026-03-01T09:00:00.000Z');
    expect(isCommunicationCheckDue(agreement, undefined, now)).toBe(true);
  });
});
