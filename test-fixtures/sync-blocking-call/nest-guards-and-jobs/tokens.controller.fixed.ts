import { Controller, Post, type CanActivate, type ExecutionContext, Injectable, type NestInterceptor, type CallHandler } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { readFileSync } from 'node:fs';
import type { Observable } from 'rxjs';
import { readFile } from 'node:fs/promises';

@Controller('tokens')
export class TokensController {
  constructor(private readonly jwt: JwtService) {}

  @Post()
  issue(): string {
    return this.jwt.sign({ sub: 'me' });
  }
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const token = String(context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers.authorization);
    return Boolean(await this.jwt.verifyAsync(token));
  }
}

@Injectable()
export class BannerInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    context.switchToHttp().getResponse<{ setHeader(k: string, v: string): void }>().setHeader('x-banner', await readFile('/banner.txt', 'utf8'));
    return next.handle();
  }
}

@Processor('mail')
export class MailConsumer {
  @Process('welcome')
  async welcome(job: Job<{ template: string }>): Promise<string> {
    return await readFile(`/templates/${job.data.template}.html`, 'utf8');
  }
}
