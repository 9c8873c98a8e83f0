/**
 * %NICKNAME% is the only placeholder WeCom fills in (welcome messages and group welcome
 * templates), and only in exactly this spelling; any other spelling reaches the customer as
 * literal text. Chinese input methods often produce the full-width ％, so that is caught too.
 */
export const NICKNAME_PLACEHOLDER = '%NICKNAME%';

const LOOKALIKE = /[%％]\s*nick[\s_-]*name\s*[%％]/gi;

/** Spellings in the text that look meant as the placeholder but WeCom would not replace. */
export function findNicknameMisspellings(text: string): string[] {
	const found = text.match(LOOKALIKE) ?? [];
	return [...new Set(found.filter((match) => match !== NICKNAME_PLACEHOLDER))];
}

export function fixNicknamePlaceholders(text: string): string {
	return text.replace(LOOKALIKE, NICKNAME_PLACEHOLDER);
}

export function containsNicknamePlaceholder(text: string): boolean {
	return new RegExp(LOOKALIKE.source, 'i').test(text);
}
