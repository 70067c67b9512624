import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../stix/validate.ts';
import { isFullySigned, parseAgreement, type Agreement } from './agreement.ts';
import type { StixObject } from './evidence.ts';
import type { Message } from './message.ts';
import { parseParty, type Party } from './party.ts';
import { loadSchema } from './schema-validator.ts';
import { verifyIncoming } from './verify-incoming.ts';

// The examples documented in docs/hotline.md, generated once with real keys and signatures.
const dir = new URL('./schemas/examples/', import.meta.url);
const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as T;
const parties = read<Party[]>('parties.json').map(parseParty);
const agreement = parseAgreement(read<Agreement>('agreement.json'));
const evidence = read<StixObject[]>('evidence.json');
const messageFiles = readdirSync(dir).filter((f) => f.startsWith('message-'));
const messages = messageFiles.map((f) => read<Message>(f));

function ajv() {
  const instance = new Ajv2020({ strict: true, strictRequired: false, validateFormats: false });
  return {
    message: instance.compile(loadSchema('x-parley-message.json')),
    agreement: instance.compile(loadSchema('x-parley-agreement.json')),
    party: instance.compile(loadSchema('parley-party.json')),
  };
}

describe('published examples', () => {
  const schemas = ajv();
  it('cover every message kind', () => {
    expect(messages.map((m) => m.kind).sort()).toEqual(
      ['acknowledgement', 'advance-notice', 'closure', 'consultation', 'notification', 'ping', 'ping-reply', 'request', 'response'],
    );
  });
  it('validate against their JSON Schemas and as STIX', () => {
    for (const party of parties) expect(schemas.party(party), JSON.stringify(schemas.party.errors)).toBe(true);
    expect(schemas.agreement(agreement), JSON.stringify(schemas.agreement.errors)).toBe(true);
    for (const message of messages) expect(schemas.message(message), `${message.kind}: ${JSON.stringify(schemas.message.errors)}`).toBe(true);
    for (const object of [...parties, agreement, ...messages, ...evidence]) expect(validateObject(object).valid).toBe(true);
  });
  it('fail the schema when a required property is removed', () => {
    const { incident_ref: _gone, ...notification } = messages.find((m) => m.kind === 'notification')!;
    expect(schemas.message(notification)).toBe(false);
    const { rules: _rules, ...agreementWithoutRules } = agreement;
    expect(schemas.agreement(agreementWithoutRules)).toBe(false);
  });
  it('carry real signatures: the agreement is in force and each message passes incoming verification', async () => {
    const find = (id: string) => parties.find((p) => p.id === id);
    expect(isFullySigned(agreement, find)).toBe(true);
    for (const message of messages) {
      const verdict = await verifyIncoming(message, evidence, {
        ownPartyRef: message.recipient_refs[0],
        findParty: find,
        hasMessage: () => false,
        agreementVersions: (id) => (id === agreement.id ? [agreement] : []),
        findMessage: (id) => messages.find((m) => m.id === id),
      });
      expect(verdict.ok, `${message.kind}: ${verdict.ok ? '' : verdict.error.message}`).toBe(true);
    }
  });
});
