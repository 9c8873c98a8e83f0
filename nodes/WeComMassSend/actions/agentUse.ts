import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField } from './common/fields';

/**
 * As an AI agent's tool the node acts because a model decided so. Operations that change WeCom
 * data need the user's explicit opt-in there; reads work as they are. Which operations those are
 * follows from the APIs each one declares (operation.ts); the registry adds the option to them.
 */
export function allowAsAiToolOption(what: string): INodeProperties {
	return {
		displayName: 'Allow Use by AI Agents',
		name: 'allowAsAiTool',
		type: 'boolean',
		default: false,
		description: `Whether an AI agent using this node as a tool may ${what}. Off: the tool refuses, so nothing changes in WeCom by accident.`,
	};
}

/** Throws before any request when an agent's tool would change WeCom data without the opt-in. */
export function refuseAgentChange(
	this: IExecuteFunctions,
	itemIndex: number,
	action: string,
): void {
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
