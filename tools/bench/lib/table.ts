/** Prints results as a Markdown table, so a run's output can be pasted into BENCHMARKS.md as is. */

export type Cell = string | number | undefined | null;

/** Formats numbers: integers with thousands separators, others with `digits` decimals. */
export function fmt(value: Cell, digits = 2): string {
	if (value === undefined || value === null) return '–';
	if (typeof value === 'string') return value;
	if (!Number.isFinite(value)) return String(value);
	if (Number.isInteger(value)) return value.toLocaleString('en-US');
	return value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
}

export function ratio(value: number, digits = 2): string {
	return Number.isFinite(value) ? `${value.toFixed(digits)}×` : '–';
}

export function markdownTable(headers: string[], rows: Cell[][]): string {
	const text = rows.map((row) => row.map((cell) => fmt(cell)));
	const widths = headers.map((h, i) =>
		Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)),
	);
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [
		line(headers),
		`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
		...text.map(line),
	].join('\n');
}

export function printTable(title: string, headers: string[], rows: Cell[][]): void {
	console.log(`\n### ${title}\n`);
	console.log(markdownTable(headers, rows));
}
