import type { IExecuteFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

/** The n8n contexts that call WeCom: node execution, loadOptions/listSearch, webhooks. */
export type WeComContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export const CREDENTIAL_TYPE = 'weComApi';
