/** WeCom's rules for the corp tag library (page 92117) that more than one operation checks. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { errcodeOf, explainApiError } from '../../../shared/transport/apiError';
import { invalidField } from '../common/fields';

/** Tag and tag group names: at most 30 characters. */
export const TAG_NAME_MAX_CHARS = 30;

/** order: an unsigned 32-bit integer, [0, 2^32). */
export function readOrder(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number {
	const order = Number(value ?? 0);
	if (!Number.isInteger(order) || order < 0 || order >= 2 ** 32) {
		throw invalidField(
			this,
			itemIndex,
			field,
			`Order must be a whole number from 0 to 4294967295 (WeCom's range), not ${String(value)}`,
		);
	}
	return order;
}

/** WeCom's 40071: the name is taken (a tag of the same group, or another group). */
export const NAME_TAKEN = 40071;

/** What an add_corp_tag / edit_corp_tag failure means for the user, with the fix for a taken name. */
export function explainTagError(this: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (errcodeOf(error) !== NAME_TAKEN) return explainApiError.call(this, error, itemIndex);
	return explainApiError.call(this, error, itemIndex, {
		message: 'a tag or group of that name already exists',
		description:
			'Tag names are unique within their group, group names within the corp: choose another ' +
			'name, or find the existing one with Customer Tag → Get Many and use its ID.',
	});
}
