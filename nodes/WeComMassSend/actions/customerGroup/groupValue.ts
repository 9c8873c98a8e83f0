import type { IExecuteFunctions } from 'n8n-workflow';

/** The chosen chat ID: the locator's value, or the plain string of an older workflow ('' when none). */
export function groupChatId(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = this.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return value === undefined || value === null ? '' : String(value).trim();
}
