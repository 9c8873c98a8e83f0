/**
 * WeCom's cursor paging for an API the package does not know: the user names the cursor field of
 * the request, the cursor field of the answer and the list field, and `pages()` does the rest.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FetchPage } from '../../../shared/transport/paginate';

export interface CursorFields {
	/** Request field that carries the cursor (query for GET, JSON body for POST). */
	cursor: string;
	/** Answer field with the next cursor; empty or absent on the last page. */
	nextCursor: string;
	/** Answer field with the page's entries. */
	list: string;
}

export type CallOnce = (cursor: string | undefined) => Promise<IDataObject>;

/** Entries that are not objects (e.g. lists of IDs) become `{ <list field>: entry }` items. */
export function toItem(entry: unknown, listField: string): IDataObject {
	return entry !== null && typeof entry === 'object' && !Array.isArray(entry)
		? (entry as IDataObject)
		: { [listField]: entry as never };
}

/** `refuse` turns a paging problem into the node's error, naming the field to fix. */
export function cursorPages(
	call: CallOnce,
	fields: CursorFields,
	refuse: (message: string) => Error,
): FetchPage<IDataObject> {
	let lastCursor: string | undefined;
	return async (cursor) => {
		// WeCom ends a listing with an empty cursor; one that comes back unchanged would loop forever.
		if (cursor && cursor === lastCursor) {
			throw refuse(
				`WeCom answered the same "${fields.nextCursor}" twice; stopped to avoid an endless loop`,
			);
		}
		lastCursor = cursor || undefined;
		const response = await call(cursor || undefined);
		const list = response[fields.list];
		if (!Array.isArray(list)) {
			const found = Object.keys(response).join(', ') || 'none';
			throw refuse(
				list === undefined
					? `the answer has no "${fields.list}" field (its fields: ${found}); set List Field to the name of the list in WeCom's answer`
					: `"${fields.list}" in the answer is not a list; set List Field to the name of the list in WeCom's answer`,
			);
		}
		const next = response[fields.nextCursor];
		return {
			items: list.map((entry) => toItem(entry, fields.list)),
			nextCursor: typeof next === 'string' ? next : '',
		};
	};
}
