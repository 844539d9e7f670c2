// expect: no findings
import { Controller, Get, Param } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':id/avatar')
  async avatar(@Param('id') id: string): Promise<string> {
    return await this.users.avatarFor(id);
  }
}
