import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { UserIdentity } from '@portcullis/domain';
import { ApiController } from '../../common/api-controller';
import { ChangesNothing } from '../../common/audit.decorators';
import { Authenticated, Principal, TokenScope } from '../../common/auth.decorators';
import { ExplainAccessDto, ExplanationDto } from './explain.dto';
import { ExplainService } from './explain.service';

@ApiTags('access')
@Authenticated()
@TokenScope('global')
@ApiController('access')
export class ExplainController {
  constructor(private readonly explainer: ExplainService) {}

  /**
   * What a token for (account, service, scope) would grant, and the clause behind each action.
   * Anyone may explain their own account; admins and registry responsibles any account.
   */
  @ChangesNothing()
  @Post('explain')
  @HttpCode(200)
  explainAccess(@Principal() caller: UserIdentity, @Body() input: ExplainAccessDto): Promise<ExplanationDto> {
    return this.explainer.explain(caller, input);
  }
}
