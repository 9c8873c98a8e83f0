import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// n8n-core writes a config file with an encryption key into the user folder on first import.
if (!process.env.N8N_USER_FOLDER?.includes('wecom-engine-')) {
	process.env.N8N_USER_FOLDER = mkdtempSync(path.join(tmpdir(), 'wecom-engine-'));
}
process.env.N8N_LOG_LEVEL ??= 'silent';
