/**
 * ID lists typed by people or produced by expressions: "a, b", one per line, or an array.
 * WeCom IDs never contain whitespace or commas, so both are separators; the full-width comma
 * is included because Chinese input methods produce it.
 */
export type IdListResult = { ok: true; ids: string[] } | { ok: false; reason: string };

const SEPARATORS = /[\s,，;；]+/;

export function parseIdList(value: unknown): IdListResult {
	const raw: string[] = [];
	const add = (entry: unknown, path: string): string | undefined => {
		if (entry === undefined || entry === null) return undefined;
		if (Array.isArray(entry)) {
			for (let i = 0; i < entry.length; i++) {
				const problem = add(entry[i], `${path}[${i}]`);
				if (problem) return problem;
			}
			return undefined;
		}
		if (typeof entry === 'string') {
			raw.push(...entry.split(SEPARATORS));
			return undefined;
		}
		if (typeof entry === 'number' && Number.isFinite(entry)) {
			raw.push(String(entry));
			return undefined;
		}
		return `${path} is ${typeof entry === 'object' ? 'an object' : `a ${typeof entry}`}, not an ID`;
	};
	const problem = add(value, 'entry');
	if (problem) return { ok: false, reason: problem };
	// Duplicates would count twice against WeCom's per-request limits and change nothing else.
	const ids = [...new Set(raw.map((id) => id.trim()).filter((id) => id !== ''))];
	return { ok: true, ids };
}

/** Consecutive slices of at most `size`; the last one holds the remainder. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}
