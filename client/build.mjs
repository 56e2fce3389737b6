// Placeholder build until the web client lands: copies the static page to dist/.
import { copyFileSync, mkdirSync } from 'node:fs';
const here = new URL('.', import.meta.url).pathname;
mkdirSync(`${here}dist`, { recursive: true });
copyFileSync(`${here}index.html`, `${here}dist/index.html`);
