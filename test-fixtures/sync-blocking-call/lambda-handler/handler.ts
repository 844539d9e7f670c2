import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { readFileSync } from 'node:fs';

// Cold start: once per container.
const schema = readFileSync('./schema.json', 'utf8');

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const template = readFileSync('./template.html', 'utf8');
  //               ^^^^^^^^^^^^ sync-blocking-call: Lambda handler
  return { statusCode: 200, body: template.replace('{{path}}', event.path) + schema.length };
}
