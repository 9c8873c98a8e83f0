/** Types for package.js (plain CommonJS so it runs without a TypeScript build). */
export interface InstalledPackage {
	name: string;
	version: string;
	/** <userFolder>/.n8n/nodes/node_modules/<name> */
	packageDir: string;
	tarball: string;
	/** Files the `n8n` section of package.json lists that the build did not produce. */
	missing: string[];
	ms: number;
}
export function packAndInstall(
	userFolder: string,
	opts?: { tarball?: string },
): Promise<InstalledPackage>;
export function pack(destDir?: string): Promise<{ tarball: string; ms: number }>;
/** Throws when dist/ is missing; returns the manifest and the listed-but-missing files. */
export function assertBuilt(): { manifest: any; missing: string[] };
