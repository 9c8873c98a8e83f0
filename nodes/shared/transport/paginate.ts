/**
 * WeCom's cursor paging: ask for the largest page the API allows, follow `next_cursor` until it
 * is empty, and when the user set a limit, ask for exactly what is still missing and stop there.
 * Only an empty `next_cursor` ends a list: a page with nothing in it but a cursor is followed (WeCom
 * filters a page after cutting it, so one can come back empty with more behind it).
 */
export interface Page<T> {
	items: T[];
	nextCursor: string;
}

export type FetchPage<T> = (cursor: string, pageSize: number) => Promise<Page<T>>;

export interface PageOptions {
	/** The API's maximum page size (get_groupmsg_list_v2: 100, get_groupmsg_task/get_groupmsg_send_result: 1000). */
	maxPageSize: number;
	/** Undefined = Return All. */
	limit?: number;
	/** Pages after which Return All stops with an error; default MAX_PAGES. */
	maxPages?: number;
}

/**
 * A server that never ends its list must not keep an execution busy forever: 5,000 pages is
 * 5 million get_groupmsg_task/get_groupmsg_send_result rows or half a million get_groupmsg_list_v2 messages, far past any real corp.
 */
export const MAX_PAGES = 5000;

/** The server's paging broke its contract; thrown instead of looping forever. */
export class PagingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PagingError';
	}
}

export async function* pages<T>(
	fetchPage: FetchPage<T>,
	options: PageOptions,
): AsyncGenerator<T[]> {
	const maxPages = options.maxPages ?? MAX_PAGES;
	const seen = new Set<string>();
	let cursor = '';
	let remaining = options.limit ?? Number.POSITIVE_INFINITY;
	for (let fetched = 0; remaining > 0; fetched++) {
		if (fetched >= maxPages) {
			throw new PagingError(
				`WeCom kept returning pages after ${maxPages} pages; stopped so the execution cannot run forever. Narrow the query (a shorter time window, one member) or set a Limit.`,
			);
		}
		const pageSize = Math.min(options.maxPageSize, remaining);
		const page = await fetchPage(cursor, pageSize);
		const items = page.items.slice(0, remaining);
		remaining -= items.length;
		yield items;
		if (!page.nextCursor) return;
		if (seen.has(page.nextCursor)) {
			throw new PagingError(
				`WeCom returned a next_cursor it had already returned (after ${fetched + 1} pages); stopped instead of reading the same pages again. Try again later or set a Limit.`,
			);
		}
		seen.add(page.nextCursor);
		cursor = page.nextCursor;
	}
}

export async function collectPages<T>(fetchPage: FetchPage<T>, options: PageOptions): Promise<T[]> {
	const all: T[] = [];
	for await (const items of pages(fetchPage, options)) all.push(...items);
	return all;
}
