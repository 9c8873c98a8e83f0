/**
 * The examples as a user imports them: every file of examples/, and the one change users make
 * after import, picking their WeCom API credential in each WeCom node.
 */
import * as fs from 'node:fs';

import { EXAMPLES_DIR, PKG, loadExample } from './scenarioKit';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface ImportedExample {
	file: string;
	/** The file as shipped. */
	original: any;
	/** What is imported: the file with the picked credential on its WeCom nodes. */
	workflow: any;
}

/** Every example file, sorted, parsed fresh. */
export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

/** Nodes of this package (the WeCom node and the WeCom Trigger) take the WeCom API credential. */
export function isWeComNode(node: any): boolean {
	return typeof node.type === 'string' && node.type.startsWith(`${PKG}.`);
}

/** The file with `credential` picked in every WeCom node, and nothing else changed. */
export function pickCredential(workflow: any, credential: CredentialRef): any {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (isWeComNode(node)) node.credentials = { weComApi: { ...credential } };
	}
	return copy;
}

/** The workflow without any node's `credentials`: what must be equal before and after the pick. */
export function withoutCredentials(workflow: any): any {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) delete node.credentials;
	return copy;
}

export function importedExamples(credential: CredentialRef): ImportedExample[] {
	return exampleFiles().map((file) => {
		const original = loadExample(file);
		return { file, original, workflow: pickCredential(original, credential) };
	});
}

/** How a user starts the example: its Manual Trigger, a WeCom callback, or another webhook. */
export function startKind(workflow: any): 'manual' | 'weComTrigger' | 'webhook' | 'none' {
	const enabled = workflow.nodes.filter((n: any) => !n.disabled);
	if (enabled.some((n: any) => n.type === 'n8n-nodes-base.manualTrigger')) return 'manual';
	if (enabled.some((n: any) => n.type === `${PKG}.weComTrigger`)) return 'weComTrigger';
	if (enabled.some((n: any) => n.type === 'n8n-nodes-base.webhook')) return 'webhook';
	return 'none';
}
