import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField } from './fields';

/**
 * As an AI agent's tool the node acts because a model decided so. Operations that change WeCom
 * state (message customers, remind members, cancel a campaign, change or delete templates, greet
 * a customer) need the user's explicit opt-in there; reads work as they are.
 */
const CHANGES_STATE: Record<string, Record<string, string>> = {
	massMessage: { create: 'Creating a mass message', remind: 'Reminding members', cancel: 'Cancelling a mass message' },
	groupWelcomeTemplate: {
		create: 'Creating a group welcome template',
		update: 'Changing a group welcome template',
		delete: 'Deleting a group welcome template',
	},
	welcomeMessage: { send: 'Sending a welcome message' },
};

export function allowAsAiToolOption(what: string): INodeProperties {
	return {
		displayName: 'Allow Use by AI Agents',
		name: 'allowAsAiTool',
		type: 'boolean',
		default: false,
		description: `Whether an AI agent using this node as a tool may ${what}. Off: the tool refuses, so nothing changes in WeCom by accident.`,
	};
}

/** Throws before any request when an agent's tool would change WeCom state without the opt-in. */
export function refuseUnintendedAgentUse(this: IExecuteFunctions, itemIndex: number, resource: string, operation: string): void {
	const action = CHANGES_STATE[resource]?.[operation];
	if (action) refuseAgentChange.call(this, itemIndex, action);
}

/** The opt-in check itself, for an `action` ("Reminding members") that changes WeCom state. */
export function refuseAgentChange(this: IExecuteFunctions, itemIndex: number, action: string): void {
	if (!this.getNode().type.endsWith('Tool')) return;
	const options = this.getNodeParameter('options', itemIndex, {}) as { allowAsAiTool?: boolean };
	if (options.allowAsAiTool === true) return;
	throw invalidField(
		this,
		itemIndex,
		'options.allowAsAiTool',
		`${action} from an AI agent is off: turn on "Allow Use by AI Agents" in the node’s options to permit it`,
	);
}
