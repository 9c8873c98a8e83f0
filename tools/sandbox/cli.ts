/**
 * Standalone sandbox for `npm run dev` and out-of-process tests:
 *   node .build/tools/sandbox/cli.js [--port N]
 * Prints one JSON line with the URL and credentials, then runs until SIGINT/SIGTERM.
 */
import { startSandbox } from './index';

function portArg(argv: string[]): number | undefined {
	const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
	if (i < 0) return undefined;
	const value = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		process.stderr.write(`invalid --port ${value}\n`);
		process.exit(2);
	}
	return port;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({ port: portArg(process.argv.slice(2)) });
	process.stdout.write(JSON.stringify({ url: sandbox.url, ...sandbox.config }) + '\n');
	const stop = () => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((e) => {
	process.stderr.write(`sandbox failed to start: ${e?.stack ?? e}\n`);
	process.exit(1);
});
