/** Types for production.js (plain CommonJS so it runs without a TypeScript build). */
export const ENV_FILE: string;
export function parseEnvFile(text: string): Record<string, string>;
/** deploy/n8n.env: the settings the README's production section recommends. */
export function productionEnv(): Record<string, string>;
