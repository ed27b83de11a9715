import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import { mapPage, PageQuery } from '../common/pagination.js';
import { Authenticated, CurrentActor } from './access.decorator.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyPage, ApiKeyResponse, CreateApiKeyRequest, CreatedApiKeyResponse } from './dto/auth.dto.js';
import { Role } from './roles.js';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'List API keys' })
  @Authenticated(Role.Admin, Role.Auditor)
  @ApiOkResponse({ type: ApiKeyPage })
  async listApiKeys(@Query() query: PageQuery): Promise<ApiKeyPage> {
    return mapPage(await this.keys.list(query), ApiKeyResponse.of);
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key' })
  @Authenticated(Role.Admin)
  @Idempotent()
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The key; its secret is shown only here' })
  async createApiKey(@Body() body: CreateApiKeyRequest, @CurrentActor() actor: Actor): Promise<CreatedApiKeyResponse> {
    const { key, secret } = await this.keys.create(actor, body);
    return { ...ApiKeyResponse.of(key), token: secret };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key' })
  @Authenticated(Role.Admin)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; requests with the key are refused from now on' })
  async revokeApiKey(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.keys.revoke(actor, id);
  }
}
