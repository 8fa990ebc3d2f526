// `npm run bench`: prints figures; it asserts nothing (targets are said beside each figure).
import { benchRendererInput } from './renderer-input';
import { benchRendererStart } from './renderer-start';

console.log(`bench on ${new Date().toISOString()} — node ${process.version}`);
await benchRendererStart();
await benchRendererInput();
