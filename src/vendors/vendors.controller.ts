import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import { assertVendorScope } from '../auth/vendor-scope.js';
import type { Actor } from '../common/actor.js';
import { etagHeader } from '../common/api-docs.js';
import { entityTag } from '../common/etag.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import { mapPage } from '../common/pagination.js';
import {
  ContactList,
  ContactResponse,
  CreateContactRequest,
  CreateVendorRequest,
  UpdateVendorRequest,
  VendorListQuery,
  VendorPage,
  VendorResponse,
} from './dto/vendor.dto.js';
import { VendorsService } from './vendors.service.js';

const WRITERS = [Role.Procurement, Role.RiskManager];

@ApiTags('vendors')
@Controller('vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Get()
  @ApiOperation({ summary: 'List vendors' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: VendorPage })
  async listVendors(@Query() query: VendorListQuery): Promise<VendorPage> {
    return mapPage(await this.vendors.list(query), VendorResponse.of);
  }

  @Post()
  @ApiOperation({ summary: 'Create a vendor' })
  @Authenticated(...WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: VendorResponse, headers: etagHeader('Send back as If-Match to update') })
  async createVendor(@Body() body: CreateVendorRequest, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<VendorResponse> {
    const vendor = await this.vendors.create(actor, body);
    void reply.header('etag', entityTag(vendor.version));
    return VendorResponse.of(vendor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a vendor' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: VendorResponse, description: 'A vendor user may read its own vendor only', headers: etagHeader('Send back as If-Match to update') })
  async getVendor(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<VendorResponse> {
    assertVendorScope(principal, id, 'Vendor');
    const vendor = await this.vendors.get(id);
    void reply.header('etag', entityTag(vendor.version));
    return VendorResponse.of(vendor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a vendor' })
  @Authenticated(...WRITERS)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag as read; 412 if the vendor changed since' })
  @ApiOkResponse({ type: VendorResponse, headers: etagHeader('The new version, for the next update') })
  async updateVendor(
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateVendorRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VendorResponse> {
    const vendor = await this.vendors.update(actor, id, body, ifMatch);
    void reply.header('etag', entityTag(vendor.version));
    return VendorResponse.of(vendor);
  }

  @Get(':id/contacts')
  @ApiOperation({ summary: 'List a vendor\'s contacts' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: ContactList })
  async listVendorContacts(@Param('id', IdPipe) id: string): Promise<ContactList> {
    return { items: (await this.vendors.contacts(id)).map(ContactResponse.of) };
  }

  @Post(':id/contacts')
  @ApiOperation({ summary: 'Add a contact to a vendor' })
  @Authenticated(...WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: ContactResponse })
  async createVendorContact(@Param('id', IdPipe) id: string, @Body() body: CreateContactRequest, @CurrentActor() actor: Actor): Promise<ContactResponse> {
    return ContactResponse.of(await this.vendors.addContact(actor, id, body));
  }
}
