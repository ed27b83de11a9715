import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentActor } from '../auth/access.decorator.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { etagHeader } from '../common/api-docs.js';
import { entityTag } from '../common/etag.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import { mapPage } from '../common/pagination.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { CreateUserRequest, UpdateUserRequest, UserListQuery, UserPage, UserResponse } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users' })
  @Authenticated(Role.Admin, Role.Auditor)
  @ApiOkResponse({ type: UserPage })
  async listUsers(@Query() query: UserListQuery): Promise<UserPage> {
    return mapPage(await this.users.list(query), UserResponse.of);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user' })
  @Authenticated(Role.Admin)
  @Idempotent()
  @ApiCreatedResponse({ type: UserResponse, headers: etagHeader('Send back as If-Match to update') })
  async createUser(@Body() body: CreateUserRequest, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserResponse> {
    const user = await this.users.create(actor, body);
    void reply.header('etag', entityTag(user.version));
    return UserResponse.of(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a user' })
  @Authenticated(Role.Admin, Role.Auditor)
  @ApiOkResponse({ type: UserResponse, headers: etagHeader('Send back as If-Match to update') })
  async getUser(@Param('id', IdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserResponse> {
    const user = await this.users.get(id);
    void reply.header('etag', entityTag(user.version));
    return UserResponse.of(user);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user' })
  @Authenticated(Role.Admin)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the user as read; 412 if it changed since' })
  @ApiOkResponse({ type: UserResponse, headers: etagHeader('The new version, for the next update') })
  @ApiPreconditionFailedResponse({ type: ProblemResponse })
  async updateUser(
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateUserRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    const user = await this.users.update(actor, id, body, ifMatch);
    void reply.header('etag', entityTag(user.version));
    return UserResponse.of(user);
  }
}
