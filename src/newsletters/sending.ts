/**
 * Sending issues: the contract the admin pages call. The delivery engine behind it lives
 * in this folder (durable delivery records, leases, SMTP pool, retries, bounces).
 */
import type { AppContext } from '../app-context.ts';

/** Starts sending an issue now: freezes it and writes one delivery record per confirmed subscriber. Returns the number of recipients. */
export function startSending(app: AppContext, issueId: number, actorUserId: number | null): Promise<number> {
  void app;
  void issueId;
  void actorUserId;
  return Promise.reject(new Error('not built yet'));
}

/** Sends one copy of an issue (as it would be sent now) to `to`, marked as a test; no delivery record, no stats. */
export function sendTestCopy(app: AppContext, issueId: number, to: string): Promise<void> {
  void app;
  void issueId;
  void to;
  return Promise.reject(new Error('not built yet'));
}
