/** Binary input items for engine tests: small fake files whose bytes differ by a seed. */
import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import { inputItem } from '../../../../helpers/engine';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function fakeFile(size: number, seed = 'a'): Buffer {
	const body = Buffer.alloc(Math.max(0, size - PNG_SIGNATURE.length), seed);
	return Buffer.concat([PNG_SIGNATURE, body]).subarray(0, size);
}

export function binary(data: Buffer, fileName: string | undefined, mimeType: string): IBinaryData {
	return { data: data.toString(BINARY_ENCODING), mimeType, ...(fileName ? { fileName } : {}) };
}

/** An input item carrying `json` and one binary property per entry of `files`. */
export function itemWithFiles(json: IDataObject, files: Record<string, IBinaryData>): IDataObject {
	return inputItem({ json, binary: files });
}

export function pngItem(
	json: IDataObject = {},
	size = 200,
	seed = 'a',
	property = 'data',
): IDataObject {
	return itemWithFiles(json, {
		[property]: binary(fakeFile(size, seed), 'photo.png', 'image/png'),
	});
}
