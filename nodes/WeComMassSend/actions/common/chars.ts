/**
 * WeCom states some limits in characters (字符), not bytes: "最多20个字符" holds 20 Chinese
 * characters. Counted by code point, so an emoji is one character, as users count them.
 */
export function charCount(text: string): number {
	return [...text].length;
}
