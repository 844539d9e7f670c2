import axios, { type CreateAxiosDefaults } from 'axios';
import got from 'got';

/** A factory that sets the timeout itself: the instances it makes have a deadline. */
export function makeApi(baseURL: string) {
  return axios.create({ baseURL, timeout: 5000 });
}

/** Wrappers that pass their callers' options on: judged at each call, with what the caller passes. */
export function makeClient(config: CreateAxiosDefaults) {
  return axios.create(config);
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json' } });
  return (await res.json()) as T;
}

/** Their parameters take no timeout, so the fix gives the wrapper a default instead of changing each caller. */
export interface ServiceSettings {
  baseURL: string;
  headers?: Record<string, string>;
}

export function makeServiceClient(settings: ServiceSettings) {
  return axios.create(settings);
}

export async function postJson(url: string, body: unknown, extra?: { headers?: Record<string, string> }): Promise<Response> {
  return fetch(url, { ...extra, method: 'POST', body: JSON.stringify(body) });
}

/** Options destructured from a parameter: the callers pass more than the options, so they are not judged. */
export async function loadArchive({ url, requestInit }: { url: string; requestInit?: RequestInit }): Promise<Response> {
  return fetch(url, { ...requestInit, method: 'GET' });
}

export const geo = got.extend({ prefixUrl: 'http://geo.internal:8080', timeout: { request: 3000 } });
// Inherits geo's timeout.
export const geoTraced = geo.extend({ headers: { 'x-trace': '1' } });
export const legacy = got.extend({ prefixUrl: 'http://legacy.internal:8080' });
//                    ^^^^^^^^^^ missing-timeout(clientWithoutDeadline): got sets no timeout
