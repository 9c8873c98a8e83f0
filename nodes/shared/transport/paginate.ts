/**
 * WeCom's cursor paging: ask for the largest page the API allows, follow `next_cursor` until it
 * is empty, and when the user set a limit, ask for exactly what is still missing and stop there.
 */
export interface Page<T> {
	items: T[];
	nextCursor: string;
}

export type FetchPage<T> = (cursor: string, pageSize: number) => Promise<Page<T>>;

export interface PageOptions {
	/** The API's maximum page size (S4: 100, S5/S6: 1000). */
	maxPageSize: number;
	/** Undefined = Return All. */
	limit?: number;
}

export async function* pages<T>(fetchPage: FetchPage<T>, options: PageOptions): AsyncGenerator<T[]> {
	let cursor = '';
	let remaining = options.limit ?? Number.POSITIVE_INFINITY;
	while (remaining > 0) {
		const pageSize = Math.min(options.maxPageSize, remaining);
		const page = await fetchPage(cursor, pageSize);
		const items = page.items.slice(0, remaining);
		remaining -= items.length;
		yield items;
		if (!page.nextCursor || page.items.length === 0) return;
		cursor = page.nextCursor;
	}
}

export async function collectPages<T>(fetchPage: FetchPage<T>, options: PageOptions): Promise<T[]> {
	const all: T[] = [];
	for await (const items of pages(fetchPage, options)) all.push(...items);
	return all;
}
