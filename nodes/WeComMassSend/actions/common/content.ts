import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkAttachment, checkSingleKind, isViolation } from '../../validation/attachments';
import {
	checkAttachmentCount,
	checkNotEmpty,
	checkTextBytes,
	type Violation,
} from '../../validation/content';
import {
	NICKNAME_PLACEHOLDER,
	containsNicknamePlaceholder,
	findNicknameMisspellings,
	fixNicknamePlaceholders,
} from '../../validation/nickname';
import type { ExecutionState } from '../types';
import { readAttachmentInput } from './attachmentInput';
import { invalidField } from './fields';
import { readInlineFiles, uploadInlineFiles } from './inlineUpload';

export interface ReadContentOptions {
	/** WeCom's limit for text.content in UTF-8 bytes. */
	textMaxBytes: number;
	/** 9 for the attachments array (add_msg_template, send_welcome_msg); 1 reads the single-attachment fields (group_welcome_template/add and /edit). */
	maxAttachments: number;
	/** WeCom fills in %NICKNAME% here (send_welcome_msg, group_welcome_template/add and /edit): check its spelling. */
	nickname?: boolean;
	/** Correct misspelt placeholders to %NICKNAME% instead of only warning. */
	fixNickname?: boolean;
}

export interface MessageContent {
	text?: { content: string };
	/** In WeCom's shape `{msgtype, <msgtype>: {...}}`, media ids filled in. */
	attachments: IDataObject[];
	/** Things the user should know that do not stop the send; put them in the output item. */
	warnings: string[];
}

function quoteAll(values: string[]): string {
	return values.map((value) => `"${value}"`).join(', ');
}

/** Returns the text to send, after the placeholder checks; undefined when there is none. */
function readText(
	this: IExecuteFunctions,
	itemIndex: number,
	options: ReadContentOptions,
	warnings: string[],
): string | undefined {
	let text = String(this.getNodeParameter('text', itemIndex, '') ?? '');
	if (text.trim() === '') return undefined;
	if (options.nickname) {
		const misspelt = findNicknameMisspellings(text);
		if (misspelt.length && options.fixNickname) {
			text = fixNicknamePlaceholders(text);
			warnings.push(
				`Replaced ${quoteAll(misspelt)} with ${NICKNAME_PLACEHOLDER} (Fix Nickname Placeholder is on).`,
			);
		} else if (misspelt.length) {
			warnings.push(
				`The text contains ${quoteAll(misspelt)}, which WeCom does not replace: only ${NICKNAME_PLACEHOLDER} (upper case, exactly) becomes the customer's nickname, so the customer sees it literally. Correct the text or turn on Fix Nickname Placeholder.`,
			);
		}
	} else if (containsNicknamePlaceholder(text)) {
		warnings.push(
			`WeCom replaces ${NICKNAME_PLACEHOLDER} only in welcome messages and group welcome templates; here it reaches the customer literally.`,
		);
	}
	return text;
}

/**
 * Reads the content parameters of `contentFields` for one item, checks every WeCom rule before any
 * request, uploads files named by binary property (once per execution) and returns the content in
 * WeCom's shape. Throws a NodeOperationError naming the item, the field and the rule.
 */
export async function readMessageContent(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
	options: ReadContentOptions,
): Promise<MessageContent> {
	const refuse = (violation: Violation) =>
		invalidField(this, itemIndex, violation.field, violation.rule);
	const warnings: string[] = [];

	const text = readText.call(this, itemIndex, options, warnings);
	const textViolation = text === undefined ? undefined : checkTextBytes(text, options.textMaxBytes);
	if (textViolation) throw refuse(textViolation);

	const single = options.maxAttachments === 1;
	const input = readAttachmentInput.call(this, itemIndex, single);
	if (isViolation(input)) throw refuse(input);
	const attachments = input.entries.map((entry) => entry.attachment);
	const countViolation = single
		? checkSingleKind(attachments, input.field)
		: checkAttachmentCount(attachments.length, options.maxAttachments, input.field);
	if (countViolation) throw refuse(countViolation);
	for (const entry of input.entries) {
		const violation = checkAttachment(entry.attachment, entry.where, entry.check);
		if (violation) throw refuse(violation);
	}
	const emptyViolation = checkNotEmpty(text !== undefined, attachments.length, input.field);
	if (emptyViolation) throw refuse(emptyViolation);

	const files = await readInlineFiles.call(this, itemIndex, input.entries);
	await uploadInlineFiles.call(this, itemIndex, state, files);

	return {
		...(text === undefined ? {} : { text: { content: text } }),
		attachments: attachments as IDataObject[],
		warnings,
	};
}
