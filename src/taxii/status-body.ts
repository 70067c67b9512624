import type { TaxiiStatus } from '../store/status-store.ts';

/**
 * The JSON body (UTF-8) of `status` with `successesJson`, a JSON list of status-details already serialised, as its
 * `successes` (`status.successes` is not read): the same text JSON.stringify gives for the whole status. A POST's
 * list is rendered by the check worker, so the request thread only joins bytes.
 */
export function statusBody(status: TaxiiStatus, successesJson: Uint8Array): Buffer {
  const { id, status: state, request_timestamp, total_count, success_count, failure_count, failures, pending_count, pendings } = status;
  const head = JSON.stringify({ id, status: state, request_timestamp, total_count, success_count });
  const tail = JSON.stringify({ failure_count, failures, pending_count, pendings });
  return Buffer.concat([Buffer.from(`${head.slice(0, -1)},"successes":`), successesJson, Buffer.from(`,${tail.slice(1)}`)]);
}
