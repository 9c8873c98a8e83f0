import { collectPages } from '../../../../nodes/shared/transport/paginate';

/** A fake cursor API over `total` numbered rows that records the page sizes asked for. */
function source(total: number) {
	const asked: number[] = [];
	const fetchPage = async (cursor: string, pageSize: number) => {
		asked.push(pageSize);
		const start = cursor ? Number(cursor) : 0;
		const items = Array.from(
			{ length: Math.max(0, Math.min(pageSize, total - start)) },
			(_, i) => start + i,
		);
		const next = start + items.length;
		return { items, nextCursor: next < total ? String(next) : '' };
	};
	return { asked, fetchPage };
}

test('Return All follows next_cursor to the end with the largest page', async () => {
	const { asked, fetchPage } = source(2500);
	const rows = await collectPages(fetchPage, { maxPageSize: 1000 });
	expect(rows).toHaveLength(2500);
	expect(new Set(rows).size).toBe(2500);
	expect(asked).toEqual([1000, 1000, 1000]);
});

test('a limit asks for exactly what is missing and stops there', async () => {
	const { asked, fetchPage } = source(2500);
	const rows = await collectPages(fetchPage, { maxPageSize: 1000, limit: 1500 });
	expect(rows).toEqual(Array.from({ length: 1500 }, (_, i) => i));
	expect(asked).toEqual([1000, 500]);
});

test('a limit that lands on a page boundary makes no extra request', async () => {
	const { asked, fetchPage } = source(250);
	expect(await collectPages(fetchPage, { maxPageSize: 100, limit: 200 })).toHaveLength(200);
	expect(asked).toEqual([100, 100]);
});

test('an empty list costs one request', async () => {
	const { asked, fetchPage } = source(0);
	expect(await collectPages(fetchPage, { maxPageSize: 100 })).toEqual([]);
	expect(asked).toEqual([100]);
});

test('a repeated next_cursor stops with a clear error instead of reading the same pages forever', async () => {
	let calls = 0;
	const looping = async (cursor: string) => {
		calls++;
		return {
			items: [cursor || 'first'],
			nextCursor: cursor === 'B' ? 'A' : cursor === 'A' ? 'B' : 'A',
		};
	};
	await expect(collectPages(looping, { maxPageSize: 100 })).rejects.toThrow(
		/next_cursor it had already returned \(after 3 pages\)/,
	);
	expect(calls).toBe(3);
});

test('pages without end stop at the page cap with a clear error', async () => {
	let calls = 0;
	const endless = async () => {
		calls++;
		return { items: [calls], nextCursor: `cursor-${calls}` };
	};
	await expect(collectPages(endless, { maxPageSize: 100, maxPages: 50 })).rejects.toThrow(
		/after 50 pages/,
	);
	expect(calls).toBe(50);
});

test('the default cap is 5,000 pages', async () => {
	let calls = 0;
	const endless = async () => ({ items: [++calls], nextCursor: `c${calls}` });
	await expect(collectPages(endless, { maxPageSize: 100 })).rejects.toThrow(/after 5000 pages/);
	expect(calls).toBe(5000);
});
