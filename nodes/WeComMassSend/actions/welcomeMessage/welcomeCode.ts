import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidField } from '../common/fields';

/** The parameter's default: the WelcomeCode of the WeCom Trigger's item. */
export const WELCOME_CODE_DEFAULT = '={{ $json.WelcomeCode }}';

const DEFAULT_EXPRESSION = /^=\{\{\s*\$json\.WelcomeCode\s*\}\}$/;

/** The events WeCom may put a WelcomeCode in (WeCom's 客户联系 callback pages). */
const EVENTS_WITH_CODE = [
	'add_external_contact',
	'add_half_external_contact',
	'msg_audit_approved',
];

/**
 * The Welcome Code of one item. The default expression is read straight from the input item:
 * n8n's default `vm` expression engine evaluates every expression in an isolate (~1 ms each, and
 * with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true the first one also creates the isolate), and this
 * one only means "the field WelcomeCode of this item". Any other value is evaluated by n8n as usual.
 */
export function readWelcomeCode(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNode().parameters.welcomeCode;
	const value =
		raw !== undefined && !(typeof raw === 'string' && DEFAULT_EXPRESSION.test(raw.trim()))
			? this.getNodeParameter('welcomeCode', itemIndex, '')
			: this.getInputData(0)[itemIndex]?.json?.WelcomeCode;
	const code = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!code) throw noWelcomeCode(this, itemIndex);
	return code;
}

/**
 * An empty code almost always means WeCom sent none, which users cannot tell from "is required"
 * alone: the message says why, the description how to stop such events from reaching this node.
 */
function noWelcomeCode(context: IExecuteFunctions, itemIndex: number) {
	const changeType = context.getInputData(0)[itemIndex]?.json?.ChangeType;
	const kind =
		typeof changeType === 'string' && changeType !== '' ? ` (ChangeType ${changeType})` : '';
	const notNewCustomer =
		typeof changeType === 'string' && changeType !== '' && !EVENTS_WITH_CODE.includes(changeType);
	const why = notNewCustomer
		? 'this event is not a new customer, and only Customer Added, Customer Half-Added and Customer Approved Chat Archiving events carry one'
		: 'WeCom sends none when a welcome message (欢迎语) is configured for this member in the admin console';
	return invalidField(
		context,
		itemIndex,
		'welcomeCode',
		`"Welcome Code" is required, but this event${kind} carries no WelcomeCode: ${why}`,
		'WeCom puts a WelcomeCode only in add_external_contact, add_half_external_contact and ' +
			'msg_audit_approved events, and leaves it out when a welcome message (欢迎语) is already ' +
			'configured for the member in the admin console (客户联系 → 欢迎语; WeCom’s send_welcome_msg ' +
			'page). To fix it: turn off the console’s 欢迎语 ' +
			'for the members this workflow greets, and let only events with a code reach this node: ' +
			'turn on the WeCom Trigger’s option "Only With Welcome Code", or put a Filter ' +
			'(WelcomeCode is not empty) before this node.',
	);
}
