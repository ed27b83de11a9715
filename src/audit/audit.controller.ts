import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/access.decorator.js';
import { Role } from '../auth/roles.js';
import { mapPage } from '../common/pagination.js';
import { AuditService } from './audit.service.js';
import { AuditEventPage, AuditEventQuery, AuditEventResponse, ChainVerification } from './dto/audit.dto.js';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'List audit events' })
  @Authenticated(Role.Auditor, Role.Admin)
  @ApiOkResponse({ type: AuditEventPage, description: 'Newest first' })
  async listAuditEvents(@Query() query: AuditEventQuery): Promise<AuditEventPage> {
    return mapPage(await this.audit.list(query), AuditEventResponse.of);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Verify the audit trail\'s hash chain' })
  @Authenticated(Role.Auditor, Role.Admin)
  @ApiOkResponse({ type: ChainVerification })
  verifyAuditChain(): Promise<ChainVerification> {
    return this.audit.verify();
  }
}
