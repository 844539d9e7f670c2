// expect: no findings
import { Controller, Get, Param } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':id/avatar')
  avatar(@Param('id') id: string): string {
    return this.users.avatarFor(id);
  }
}
