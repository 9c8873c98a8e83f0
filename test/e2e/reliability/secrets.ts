/** Searching collected texts for secrets, reporting where without printing the secret. */
export interface SecretHit {
	secret: string;
	where: string;
	/** Text around the hit with the secret itself masked. */
	context: string;
}

export function findSecrets(
	secrets: Record<string, string>,
	haystacks: Array<{ where: string; text: string }>,
): SecretHit[] {
	const hits: SecretHit[] = [];
	for (const { where, text } of haystacks) {
		for (const [name, value] of Object.entries(secrets)) {
			if (!value) continue;
			let at = text.indexOf(value);
			let n = 0;
			while (at >= 0 && n < 3) {
				const context = text
					.slice(Math.max(0, at - 60), at + value.length + 60)
					.split(value)
					.join(`<${name}>`);
				hits.push({ secret: name, where, context });
				at = text.indexOf(value, at + value.length);
				n++;
			}
		}
	}
	return hits;
}
