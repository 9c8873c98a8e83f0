import type { IDataObject } from 'n8n-workflow';

import { WELCOME_CODE_LIFETIME_MS } from '../../shared/validation/limits';
import { eventKey } from './eventKey';
import { hasWelcomeCode } from './filter';
import type { WeComEvent } from './shape';

/**
 * The item a callback starts the workflow with: every field WeCom sent, under WeCom's names, in
 * the stable shape, plus fields of our own in lower camel case so they never collide with WeCom's:
 * `eventKey`, `receivedAt`, `welcomeCodeExpiresAt` (only with a WelcomeCode), `rawXml` (option).
 */
export function toOutputItem(event: WeComEvent, receivedAt: number, rawXml: string | undefined): IDataObject {
	const item: IDataObject = { ...event, eventKey: eventKey(event), receivedAt: new Date(receivedAt).toISOString() };
	if (hasWelcomeCode(event)) {
		item.welcomeCodeExpiresAt = new Date(receivedAt + WELCOME_CODE_LIFETIME_MS).toISOString();
	}
	if (rawXml !== undefined) item.rawXml = rawXml;
	return item;
}
