import type { IDataObject } from 'n8n-workflow';

import { WELCOME_CODE_LIFETIME_MS } from '../../shared/limits';
import { eventKey } from './eventKey';
import { hasWelcomeCode } from './filter';
import type { WeComEvent } from './shape';

/**
 * When the WelcomeCode's 20 seconds started: the earlier of the event's CreateTime (WeCom's clock,
 * whole seconds, kept by a re-send) and receipt (a re-sent callback arrives 5 s or more after the
 * code was issued; a CreateTime ahead of this server's clock cannot make the code live longer).
 */
export function welcomeCodeIssuedAt(event: WeComEvent, receivedAt: number): number {
	const createTime = event.CreateTime;
	if (typeof createTime !== 'number' || !Number.isFinite(createTime) || createTime <= 0)
		return receivedAt;
	return Math.min(createTime * 1000, receivedAt);
}

/**
 * The item a callback starts the workflow with: every field WeCom sent, under WeCom's names, in
 * the stable shape, plus fields of our own in lower camel case so they never collide with WeCom's:
 * `eventKey`, `receivedAt`, `welcomeCodeExpiresAt` (only with a WelcomeCode), `rawXml` (option).
 */
export function toOutputItem(
	event: WeComEvent,
	receivedAt: number,
	rawXml: string | undefined,
): IDataObject {
	const item: IDataObject = {
		...event,
		eventKey: eventKey(event),
		receivedAt: new Date(receivedAt).toISOString(),
	};
	if (hasWelcomeCode(event)) {
		item.welcomeCodeExpiresAt = new Date(
			welcomeCodeIssuedAt(event, receivedAt) + WELCOME_CODE_LIFETIME_MS,
		).toISOString();
	}
	if (rawXml !== undefined) item.rawXml = rawXml;
	return item;
}
