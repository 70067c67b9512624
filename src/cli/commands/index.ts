import type { Command } from 'commander';
import type { CommandContext } from '../main.ts';
import { registerId } from './id.ts';
import { registerPattern } from './pattern.ts';
import { registerValidate } from './validate.ts';
import { registerAccount } from './account.ts';
import { registerCollection } from './collection.ts';
import { registerExport } from './export.ts';
import { registerImport } from './import.ts';
import { registerRoot } from './root.ts';
import { registerServe } from './serve.ts';
import { registerToken } from './token.ts';
import { registerInit } from './init.ts';
import { registerParty } from './party.ts';
import { registerAgreement } from './agreement.ts';
import { registerSend } from './send.ts';
import { registerInbox } from './inbox.ts';
import { registerThread } from './thread.ts';
import { registerAck } from './ack.ts';
import { registerRespond } from './respond.ts';
import { registerClose } from './close.ts';
import { registerPing } from './ping.ts';
import { registerPingReply } from './ping-reply.ts';
import { registerClock } from './clock.ts';
import { registerDeadlines } from './deadlines.ts';
import { registerVerify } from './verify.ts';
import { registerMigrate } from './migrate.ts';
import { registerOperator } from './operator.ts';
import { registerKey } from './key.ts';
import { registerDemo } from './demo.ts';
import { registerOutbox } from './outbox.ts';
import { registerPartyMode } from './party-mode.ts';

/** Registers one command (or command group) on the program. */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

/** Every command of the `parley` CLI, one module each; keep one import per line and one entry per line. */
export const commands: RegisterCommand[] = [
  registerId,
  registerPattern,
  registerValidate,
  registerServe,
  registerRoot,
  registerCollection,
  registerAccount,
  registerToken,
  registerImport,
  registerExport,
  registerInit,
  registerParty,
  registerAgreement,
  registerSend,
  registerInbox,
  registerThread,
  registerAck,
  registerRespond,
  registerClose,
  registerPing,
  registerPingReply,
  registerDeadlines,
  registerClock,
  registerVerify,
  registerMigrate,
  registerOperator,
  registerKey,
  registerDemo,
  registerOutbox,
  registerPartyMode,
];
