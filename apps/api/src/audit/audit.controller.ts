import { Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiController } from '../common/api-controller';
import { Authenticated, TokenScope } from '../common/auth.decorators';
import { AuditQueryService } from './audit-query.service';
import { AuditPageDto, AuditQueryDto } from './audit.dto';

@ApiTags('audit')
@Authenticated({ admin: true })
@TokenScope('global')
@ApiController('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  /** Token decisions and changes, newest first, filtered and paginated. */
  @Get()
  listAuditEvents(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
