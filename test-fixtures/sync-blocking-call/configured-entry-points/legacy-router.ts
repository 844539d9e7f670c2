import { execSync } from 'node:child_process';

/**
 * Registered by a home-grown router that Scalelint cannot see.
 * @scalelint-entry
 */
export function handleStatus(): string {
  return execSync('uptime').toString();
  //     ^^^^^^^^ sync-blocking-call: handleStatus (@scalelint-entry)
}
