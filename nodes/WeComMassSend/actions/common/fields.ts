import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reads a required text parameter and refuses it before any request is sent, naming the item,
 * the field and the rule (users fix flows from this message alone).
 */
export function requiredString(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) {
		throw invalidField(this, itemIndex, name, `"${label}" is required`);
	}
	return value;
}

export function invalidField(context: IExecuteFunctions, itemIndex: number, field: string, rule: string, description?: string) {
	const error = new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${rule}`, { itemIndex, description });
	Object.assign(error.context, { field });
	return error;
}
