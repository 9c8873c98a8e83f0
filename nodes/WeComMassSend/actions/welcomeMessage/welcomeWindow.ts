import type { IExecuteFunctions } from 'n8n-workflow';

import { WELCOME_CODE_LIFETIME_MS } from '../../../shared/limits';

export interface WelcomeWindow {
	/** Epoch ms after which no send attempt starts. */
	deadline: number;
	/** When the trigger received the event, if the item still says so. */
	receivedAt?: number;
}

/**
 * When the code stops working: the trigger's `welcomeCodeExpiresAt` (receipt + 20 s) when the item
 * still carries it, otherwise 20 s from now, which is the most the code can have left.
 */
export function welcomeWindow(
	this: IExecuteFunctions,
	itemIndex: number,
	now = Date.now(),
): WelcomeWindow {
	const expiresAt = this.getInputData(0)[itemIndex]?.json?.welcomeCodeExpiresAt;
	const parsed =
		typeof expiresAt === 'string' || typeof expiresAt === 'number'
			? new Date(expiresAt).getTime()
			: NaN;
	if (!Number.isFinite(parsed)) return { deadline: now + WELCOME_CODE_LIFETIME_MS };
	return { deadline: parsed, receivedAt: parsed - WELCOME_CODE_LIFETIME_MS };
}
