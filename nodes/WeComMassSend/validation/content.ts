/**
 * Pure rules for message text (add_msg_template, send_welcome_msg, group_welcome_template/add and /edit). They return a violation instead of throwing so
 * they can be unit-tested without n8n and reused by any operation that builds WeCom content.
 */
import { labelOf } from './fieldLabels';

/** What is wrong and where; the caller turns it into an error naming the item too. */
export interface Violation {
	field: string;
	rule: string;
}

/** WeCom counts limits in UTF-8 bytes, not characters: a Chinese character takes 3. */
export function utf8Bytes(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

export function checkTextBytes(
	text: string,
	maxBytes: number,
	field = 'text',
): Violation | undefined {
	const measured = utf8Bytes(text);
	if (measured <= maxBytes) return undefined;
	return {
		field,
		rule: `${labelOf(field)} is ${measured} bytes in UTF-8; WeCom accepts at most ${maxBytes} bytes (a Chinese character counts as 3 bytes, so about ${Math.floor(maxBytes / 3)} Chinese characters)`,
	};
}

export function checkNotEmpty(
	hasText: boolean,
	attachmentCount: number,
	attachmentsField: string,
): Violation | undefined {
	if (hasText || attachmentCount > 0) return undefined;
	return {
		field: 'text',
		rule: `${labelOf('text')} and ${labelOf(attachmentsField)} are both empty; WeCom needs a text, an attachment or both`,
	};
}

export function checkAttachmentCount(
	count: number,
	max: number,
	field: string,
): Violation | undefined {
	if (count <= max) return undefined;
	return {
		field,
		rule: `${labelOf(field)} has ${count} attachments; WeCom accepts at most ${max}`,
	};
}
