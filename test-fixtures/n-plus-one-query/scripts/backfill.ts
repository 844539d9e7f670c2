// expect: no findings
// A maintenance script: a query per row is fine here, nothing serves requests.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

async function main(): Promise<void> {
  const users = await prisma.user.findMany();
  for (const user of users) {
    await prisma.user.update({ where: { id: user.id }, data: { name: user.name.trim() } });
  }
}

void main();
