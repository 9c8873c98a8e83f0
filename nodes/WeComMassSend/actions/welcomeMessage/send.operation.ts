import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { errcodeOf, explainApiError } from '../../../shared/transport/apiError';
import { weComApiRequest } from '../../../shared/transport/request';
import { MAX_ATTACHMENTS, MESSAGE_TEXT_MAX_BYTES } from '../../../shared/limits';
import { readMessageContent } from '../common/content';
import { contentFields } from '../common/content.description';
import { UPLOAD_MEDIA } from '../common/uploadMedia';
import { invalidField } from '../common/fields';
import { settle } from '../common/settle';
import { defineOperation } from '../operation';
import type { ExecutionState, OperationResult } from '../types';
import { readWelcomeCode, WELCOME_CODE_DEFAULT } from './welcomeCode';
import { welcomeWindow, type WelcomeWindow } from './welcomeWindow';

// The code is single-use: a lost send is never repeated.
const SEND_WELCOME_MSG = wecomApi('POST', 'externalcontact/send_welcome_msg', {
	changesData: true,
	repeatRisk: 'use the single-use WelcomeCode twice',
});

const ALREADY_WELCOMED = 41051;
const EXPIRED = 41050;
const ANOTHER_APP_SENDING = 41096;

const properties: INodeProperties[] = [
	{
		displayName:
			'A WelcomeCode is valid for 20 seconds and once: connect this node directly after the ' +
			'WeCom Trigger, with no waits or slow nodes in between, and upload attachments ' +
			'beforehand (Media → Upload).',
		name: 'welcomeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Welcome Code',
		name: 'welcomeCode',
		type: 'string',
		required: true,
		default: WELCOME_CODE_DEFAULT,
		description:
			'The WelcomeCode (欢迎语 code) of the add_external_contact event from the WeCom Trigger',
	},
	...contentFields({ textMaxBytes: MESSAGE_TEXT_MAX_BYTES, attachments: 'many', nickname: true }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fix Nickname Placeholder',
				name: 'fixNicknamePlaceholder',
				type: 'boolean',
				default: false,
				description:
					'Whether to correct misspelt placeholders such as %nickname% or ％NICKNAME％ to ' +
					'%NICKNAME% before sending (otherwise they are sent literally and reported in ' +
					'warnings)',
			},
			{
				displayName: 'Skip Expired Codes',
				name: 'skipExpiredCodes',
				type: 'boolean',
				default: false,
				description:
					'Whether a code whose 20-second window has already passed when this node runs (n8n ' +
					'was busy) gives an item with skipped: true and reason "expired" instead of an ' +
					'error. Either way nothing is sent to WeCom for it.',
			},
			{
				displayName: 'Treat Already Welcomed as Success',
				name: 'treatAlreadyWelcomedAsSuccess',
				type: 'boolean',
				default: true,
				description:
					'Whether an already greeted customer (errcode 41051: another app or the member was ' +
					'first) gives an item with skipped: true instead of an error',
			},
		],
	},
];

export const operation = defineOperation({
	value: 'send',
	name: 'Send',
	action: 'Send a welcome message to a new customer',
	description:
		'Greet a customer who just added a member, with the WelcomeCode from the WeCom Trigger ' +
		'(发送新客户欢迎语, send_welcome_msg)',
	calls: [SEND_WELCOME_MSG, UPLOAD_MEDIA],
	properties,
	execute,
});

async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
): Promise<OperationResult> {
	// Taken first: inline uploads below eat into the same 20 seconds.
	const codeWindow = welcomeWindow.call(this, itemIndex);
	const welcomeCode = readWelcomeCode.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// Under a backlog an execution can start after the code died: WeCom would only answer 41050,
	// so neither the send nor an inline upload is spent on it.
	if (Date.now() >= codeWindow.deadline) {
		if (options.skipExpiredCodes === true) return [expiredItem(welcomeCode, codeWindow)];
		throw expiredBeforeSending.call(this, itemIndex, codeWindow);
	}
	const content = await readMessageContent.call(this, itemIndex, state, {
		textMaxBytes: MESSAGE_TEXT_MAX_BYTES,
		maxAttachments: MAX_ATTACHMENTS,
		nickname: true,
		fixNickname: options.fixNicknamePlaceholder === true,
	});
	const body: IDataObject = {
		welcome_code: welcomeCode,
		...(content.text ? { text: content.text } : {}),
	};
	if (content.attachments.length) body.attachments = content.attachments;

	// The code is single-use, so the transport never repeats a send that may have reached WeCom;
	// only 41096 (another app is sending right now) is retried, and only inside the 20-second window.
	const outcome = await settle(
		weComApiRequest.call(this, {
			api: SEND_WELCOME_MSG,
			body,
			itemIndex,
			deadline: codeWindow.deadline,
			retryErrcodes: [ANOTHER_APP_SENDING],
		}),
	);
	if (outcome.ok) return [{ sent: true, welcomeCode, warnings: content.warnings }];

	// The window closed before an attempt could start (inline uploads took the time, or a new access
	// token was needed): nothing was sent, exactly as if the node had found the code dead first.
	if ((outcome.error as { context?: IDataObject }).context?.deadlinePassed === true) {
		if (options.skipExpiredCodes === true)
			return [{ ...expiredItem(welcomeCode, codeWindow), warnings: content.warnings }];
		throw expiredBeforeSending.call(this, itemIndex, codeWindow, true);
	}
	const errcode = errcodeOf(outcome.error);
	const errmsg = String((outcome.error as { context?: IDataObject }).context?.errmsg ?? '');
	if (errcode === ALREADY_WELCOMED && options.treatAlreadyWelcomedAsSuccess !== false) {
		return [
			{
				sent: false,
				skipped: true,
				reason: 'alreadyWelcomed',
				errcode,
				errmsg,
				welcomeCode,
				warnings: content.warnings,
			},
		];
	}
	if (errcode === EXPIRED) {
		if (options.skipExpiredCodes === true) {
			return [
				{ ...expiredItem(welcomeCode, codeWindow), errcode, errmsg, warnings: content.warnings },
			];
		}
		throw explainApiError.call(this, outcome.error, itemIndex, {
			message: 'the WelcomeCode has expired or was already used',
			description: expiredAdvice(codeWindow, false),
			context: { field: 'welcomeCode' },
		});
	}
	throw explainApiError.call(this, outcome.error, itemIndex);
}

function expiredItem(welcomeCode: string, codeWindow: WelcomeWindow): IDataObject {
	const item: IDataObject = { sent: false, skipped: true, reason: 'expired', welcomeCode };
	// Known only from the trigger's welcomeCodeExpiresAt; without it the deadline is a guess.
	if (codeWindow.receivedAt !== undefined)
		item.expiredAt = new Date(codeWindow.deadline).toISOString();
	return item;
}

/** The 20-second rule and how to stay inside it, for a code WeCom refused or one found dead before sending. */
function expiredAdvice(codeWindow: WelcomeWindow, notSent: boolean): string {
	const late =
		codeWindow.receivedAt === undefined
			? ''
			: ` This send started about ${Math.round((Date.now() - codeWindow.receivedAt) / 100) / 10} s after the trigger received the event.`;
	return (
		`WeCom accepts a WelcomeCode only within 20 seconds of sending the add_external_contact event, and only once.${late} ` +
		(notSent ? 'WeCom would answer errcode 41050, so no request was made. ' : '') +
		'Keep the flow fast: put Welcome Message → Send directly after the WeCom Trigger, with no Wait or slow nodes before it; ' +
		'upload attachments once beforehand with Media → Upload and use the media_id; check that the trigger workflow is active and ' +
		'n8n is not queueing executions (see "Performance and sizing" in the README). A code that expired cannot be used ' +
		'again; the option "Skip Expired Codes" outputs such codes as skipped items instead.'
	);
}

/** Found from the trigger's `welcomeCodeExpiresAt` before sending: no request was made. */
function expiredBeforeSending(
	this: IExecuteFunctions,
	itemIndex: number,
	codeWindow: WelcomeWindow,
	whileRunning = false,
) {
	const error = invalidField(
		this,
		itemIndex,
		'welcomeCode',
		whileRunning
			? 'the WelcomeCode expired before the send could start (uploads or a new access token took the time), so it was not sent (errcode 41050)'
			: 'the WelcomeCode expired before this node ran, so it was not sent (errcode 41050)',
		expiredAdvice(codeWindow, true),
	);
	Object.assign(error.context, { errcode: EXPIRED, reason: 'expired' });
	return error;
}
