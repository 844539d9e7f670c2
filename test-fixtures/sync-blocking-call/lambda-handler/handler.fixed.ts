import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

// Cold start: once per container.
const schema = readFileSync('./schema.json', 'utf8');

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const template = await readFile('./template.html', 'utf8');
  return { statusCode: 200, body: template.replace('{{path}}', event.path) + schema.length };
}
