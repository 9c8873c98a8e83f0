import { createHash } from 'node:crypto';

import { CONTACT_EVENT } from './catalog';
import type { WeComEvent } from './shape';

/**
 * `eventKey`: the same for every re-send of one event, different for different events, and the
 * same in every n8n process (workflows dedupe with it across a queue-mode cluster, e.g. with
 * n8n's Remove Duplicates node). Part of the output contract: do not change the definition.
 *
 * Definition (version 1): the first 32 hex characters of SHA-256 over a JSON array:
 * - change_external_contact: ["change_external_contact", ToUserName, ChangeType, UserID,
 *   ExternalUserID, CreateTime] — WeCom's documented duplicate key (FromUserName is always `sys`).
 *   A WelcomeCode or State is not part of it: one customer added once is one event.
 * - every other event: ["event", [name, value]…] over all fields sorted by name, after shaping
 *   (lists as arrays, integers as numbers), so re-encryption, field order and XML whitespace
 *   between elements do not change it.
 * Missing fields count as "". Nothing secret goes in (the fields are the event's own).
 */
export function eventKey(event: WeComEvent): string {
	const text = (value: unknown) =>
		typeof value === 'string' || typeof value === 'number' ? String(value) : '';
	const parts =
		event.Event === CONTACT_EVENT
			? [
					CONTACT_EVENT,
					text(event.ToUserName),
					text(event.ChangeType),
					text(event.UserID),
					text(event.ExternalUserID),
					text(event.CreateTime),
				]
			: [
					'event',
					...Object.keys(event)
						.sort()
						.map((name) => [name, event[name]]),
				];
	return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex').slice(0, 32);
}
