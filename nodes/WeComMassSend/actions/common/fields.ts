import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reads a required text parameter and refuses it before any request is sent, naming the field
 * as the editor shows it and the rule (users fix flows from this message alone).
 */
export function requiredString(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) {
		throw invalidField(this, itemIndex, name, `"${label}" is required`);
	}
	return value;
}

export function invalidField(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	rule: string,
	description?: string,
) {
	// n8n names the item itself when itemIndex is set.
	const error = new NodeOperationError(context.getNode(), rule, { itemIndex, description });
	Object.assign(error.context, { field });
	return error;
}
