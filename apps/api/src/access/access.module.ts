import { Module } from '@nestjs/common';
import { CredentialsService } from './credentials.service';
import { PasswordHasher } from './password-hasher';
import { RefreshTokensController } from './refresh-tokens/refresh-tokens.controller';
import { RefreshTokensRepository } from './refresh-tokens/refresh-tokens.repository';
import { RefreshTokensService } from './refresh-tokens/refresh-tokens.service';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

@Module({
  controllers: [UsersController, RefreshTokensController],
  providers: [
    PasswordHasher,
    UsersRepository,
    UsersService,
    CredentialsService,
    RefreshTokensRepository,
    RefreshTokensService,
  ],
  exports: [CredentialsService, RefreshTokensService],
})
export class AccessModule {}
