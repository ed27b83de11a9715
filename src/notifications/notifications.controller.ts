import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/access.decorator.js';
import { Role } from '../auth/roles.js';
import { mapPage } from '../common/pagination.js';
import { NotificationListQuery, NotificationPage, NotificationResponse } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'List sent and failed notifications' })
  @Authenticated(Role.Admin, Role.Auditor)
  @ApiOkResponse({ type: NotificationPage, description: 'Newest first; `status=failed` shows what did not reach its recipient' })
  async listNotifications(@Query() query: NotificationListQuery): Promise<NotificationPage> {
    return mapPage(await this.notifications.list(query), NotificationResponse.of);
  }
}
