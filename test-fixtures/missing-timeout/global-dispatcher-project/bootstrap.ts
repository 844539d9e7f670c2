// expect: no findings
import { Agent, setGlobalDispatcher } from 'undici';

// Set once at startup: every fetch in the process runs on it.
setGlobalDispatcher(new Agent({ headersTimeout: 10_000, bodyTimeout: 30_000, connectTimeout: 5_000 }));
