import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidField, requiredString } from '../common/fields';

/** The parameter's default: the WelcomeCode of the WeCom Trigger's item. */
export const WELCOME_CODE_DEFAULT = '={{ $json.WelcomeCode }}';

const DEFAULT_EXPRESSION = /^=\{\{\s*\$json\.WelcomeCode\s*\}\}$/;

/**
 * The Welcome Code of one item. The default expression is read straight from the input item:
 * n8n's default `vm` expression engine evaluates every expression in an isolate (~1 ms each, and
 * with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true the first one also creates the isolate), and this
 * one only means "the field WelcomeCode of this item". Any other value is evaluated by n8n as usual.
 */
export function readWelcomeCode(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNode().parameters.welcomeCode;
	if (raw !== undefined && !(typeof raw === 'string' && DEFAULT_EXPRESSION.test(raw.trim()))) {
		return requiredString.call(this, 'welcomeCode', 'Welcome Code', itemIndex);
	}
	const value = this.getInputData(0)[itemIndex]?.json?.WelcomeCode;
	const code = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!code) throw invalidField(this, itemIndex, 'welcomeCode', '"Welcome Code" is required');
	return code;
}
